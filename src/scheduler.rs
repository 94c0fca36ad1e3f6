//! Which job runs when: a queue with lanes, cancellation and supersession.
//!
//! The worker runs one job at a time. This is the pure bookkeeping behind that, kept out
//! of the worker so it can be tested natively: the worker asks it what to run next, and
//! a running job asks it at every checkpoint whether it has been interrupted.

use crate::control::Interrupted;
use crate::protocol::{JobId, Lane};
use std::collections::VecDeque;

/// The job queue of the worker. `T` is whatever the worker needs to run a job.
#[derive(Debug)]
pub struct Scheduler<T> {
    running: Option<Running>,
    queue: VecDeque<Queued<T>>,
}

#[derive(Debug)]
struct Running {
    job: JobId,
    lane: Lane,
    interrupted: Option<Interrupted>,
}

#[derive(Debug)]
struct Queued<T> {
    job: JobId,
    lane: Lane,
    payload: T,
}

/// What [`Scheduler::cancel`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancelled {
    /// The job was waiting and has been dropped: report it as interrupted now.
    Dropped,
    /// The job is running and will stop at its next checkpoint, which reports it.
    Flagged,
    /// No such job is queued or running (already finished, or never seen).
    Unknown,
}

impl<T> Default for Scheduler<T> {
    fn default() -> Self {
        Self {
            running: None,
            queue: VecDeque::new(),
        }
    }
}

impl<T> Scheduler<T> {
    /// Queues a job. Queued jobs it supersedes are dropped and returned, to be reported
    /// as [`Interrupted::Superseded`]; a running job it supersedes is flagged to stop.
    pub fn submit(&mut self, job: JobId, lane: Lane, payload: T) -> Vec<JobId> {
        if let Some(running) = &mut self.running
            && lane.supersedes(running.lane)
        {
            running.interrupted.get_or_insert(Interrupted::Superseded);
        }
        let mut dropped = Vec::new();
        self.queue.retain(|queued| {
            let keep = !lane.supersedes(queued.lane);
            if !keep {
                dropped.push(queued.job);
            }
            keep
        });
        self.queue.push_back(Queued { job, lane, payload });
        dropped
    }

    /// Cancels a queued or running job.
    pub fn cancel(&mut self, job: JobId) -> Cancelled {
        if let Some(running) = &mut self.running
            && running.job == job
        {
            running.interrupted.get_or_insert(Interrupted::Cancelled);
            return Cancelled::Flagged;
        }
        match self.queue.iter().position(|queued| queued.job == job) {
            Some(index) => {
                self.queue.remove(index);
                Cancelled::Dropped
            }
            None => Cancelled::Unknown,
        }
    }

    /// Starts the oldest queued job if none is running.
    pub fn start_next(&mut self) -> Option<(JobId, T)> {
        if self.running.is_some() {
            return None;
        }
        let Queued { job, lane, payload } = self.queue.pop_front()?;
        self.running = Some(Running {
            job,
            lane,
            interrupted: None,
        });
        Some((job, payload))
    }

    /// Whether the running job `job` must stop, and why.
    pub fn interruption(&self, job: JobId) -> Option<Interrupted> {
        self.running
            .as_ref()
            .filter(|running| running.job == job)?
            .interrupted
    }

    /// Marks the running job `job` as finished.
    pub fn finish(&mut self, job: JobId) {
        if self
            .running
            .as_ref()
            .is_some_and(|running| running.job == job)
        {
            self.running = None;
        }
    }

    /// The running job, if any.
    #[cfg(test)]
    fn running(&self) -> Option<JobId> {
        self.running.as_ref().map(|running| running.job)
    }

    /// Number of jobs waiting.
    #[cfg(test)]
    fn queued(&self) -> usize {
        self.queue.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const J1: JobId = JobId(1);
    const J2: JobId = JobId(2);
    const J3: JobId = JobId(3);

    #[test]
    fn runs_one_job_at_a_time_in_order() {
        let mut s = Scheduler::default();
        s.submit(J1, Lane::Load, "a");
        assert_eq!(s.start_next(), Some((J1, "a")));
        assert_eq!(s.start_next(), None, "one job at a time");
        s.finish(J1);
        assert_eq!(s.running(), None);
        assert_eq!(s.start_next(), None, "queue is empty");
    }

    #[test]
    fn a_newer_load_flags_the_running_one_and_drops_queued_ones() {
        let mut s = Scheduler::default();
        s.submit(J1, Lane::Load, ());
        s.start_next();
        assert_eq!(s.submit(J2, Lane::Load, ()), []);
        assert_eq!(s.interruption(J1), Some(Interrupted::Superseded));
        assert_eq!(
            s.submit(J3, Lane::Load, ()),
            [J2],
            "queued J2 is superseded by J3"
        );
        s.finish(J1);
        assert_eq!(s.start_next(), Some((J3, ())));
        assert_eq!(s.interruption(J3), None);
    }

    #[test]
    fn cancelling_reports_what_happened() {
        let mut s = Scheduler::default();
        s.submit(J1, Lane::Load, ());
        s.start_next();
        assert_eq!(s.cancel(J1), Cancelled::Flagged);
        assert_eq!(s.interruption(J1), Some(Interrupted::Cancelled));
        // A later supersession does not overwrite the first reason.
        s.submit(J2, Lane::Load, ());
        assert_eq!(s.interruption(J1), Some(Interrupted::Cancelled));
        assert_eq!(s.cancel(J2), Cancelled::Dropped);
        assert_eq!(s.queued(), 0);
        assert_eq!(s.cancel(J3), Cancelled::Unknown);
        s.finish(J1);
        assert_eq!(
            s.cancel(J1),
            Cancelled::Unknown,
            "finished jobs cannot be cancelled"
        );
    }

    #[test]
    fn finishing_a_job_that_is_not_running_changes_nothing() {
        let mut s = Scheduler::default();
        s.submit(J1, Lane::Load, ());
        s.start_next();
        s.finish(J2);
        assert_eq!(s.running(), Some(J1));
        assert_eq!(s.interruption(J2), None);
    }
}
