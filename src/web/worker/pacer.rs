//! The worker's [`Control`]: keeps a long job from blocking the worker's event loop.
//!
//! At a checkpoint, at most every [`YIELD_MS`], the job posts its progress (at most every
//! [`PROGRESS_MS`]) and yields to the event loop, so that a cancel message or a newer job
//! that arrived meanwhile is received; then it asks the scheduler whether it must stop.

use super::Worker;
use crate::control::{Control, Interrupted, Progress, Stage};
use crate::protocol::{FromWorker, JobId};
use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::MessageChannel;

/// How long a job may run between two yields to the event loop: the latency of Cancel.
const YIELD_MS: f64 = 20.0;
/// How often progress is posted to the UI.
const PROGRESS_MS: f64 = 100.0;

pub(super) struct Pacer<'a> {
    worker: &'a Worker,
    job: JobId,
    last_yield: f64,
    last_post: f64,
}

impl<'a> Pacer<'a> {
    pub(super) fn new(worker: &'a Worker, job: JobId) -> Self {
        let now = worker.clock.now();
        Self {
            worker,
            job,
            last_yield: now,
            last_post: now,
        }
    }

    /// Posts the first progress at once, so the UI shows the job has started.
    pub(super) fn start(&mut self, total: u64) {
        self.post(Progress {
            stage: Stage::Reading,
            done: 0,
            total: Some(total),
        });
    }

    fn post(&mut self, progress: Progress) {
        self.last_post = self.worker.clock.now();
        self.worker.post(&FromWorker::Progress {
            job: self.job,
            progress,
        });
    }
}

impl Control for Pacer<'_> {
    async fn checkpoint(&mut self, progress: Progress) -> Result<(), Interrupted> {
        let now = self.worker.clock.now();
        if now - self.last_yield < YIELD_MS {
            return Ok(());
        }
        if now - self.last_post >= PROGRESS_MS {
            self.post(progress);
        }
        self.worker.yielder.yield_now().await;
        self.last_yield = self.worker.clock.now();
        match self.worker.scheduler.borrow().interruption(self.job) {
            Some(reason) => Err(reason),
            None => Ok(()),
        }
    }
}

/// Yields to the event loop through a `MessageChannel`: a message to oneself is a new
/// task, queued behind messages already received, and unlike `setTimeout(0)` it is not
/// clamped to 4 ms.
pub(super) struct Yielder {
    channel: MessageChannel,
    resume: Rc<RefCell<Option<Function>>>,
    _on_message: Closure<dyn FnMut()>,
}

impl Yielder {
    pub(super) fn new() -> Result<Self, JsValue> {
        let channel = MessageChannel::new()?;
        let resume: Rc<RefCell<Option<Function>>> = Rc::default();
        let pending = Rc::clone(&resume);
        let on_message = Closure::<dyn FnMut()>::new(move || {
            if let Some(resolve) = pending.borrow_mut().take() {
                // Resolving a promise cannot fail.
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Ok(Self {
            channel,
            resume,
            _on_message: on_message,
        })
    }

    pub(super) async fn yield_now(&self) {
        let channel = &self.channel;
        let promise = Promise::new(&mut |resolve, _reject| {
            if channel.port2().post_message(&JsValue::UNDEFINED).is_ok() {
                *self.resume.borrow_mut() = Some(resolve);
                return;
            }
            // Should the channel fail, a timer still lets messages in (clamped to 4 ms).
            let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
            if scope
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_err()
            {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        // The promise is only ever resolved, never rejected.
        let _ = JsFuture::from(promise).await;
    }
}
