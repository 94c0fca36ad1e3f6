use super::*;
use crate::baskets::{FindingRules, RulesRequest};
use crate::control::Unattended;
use crate::demo::{self, DemoSize};
use crate::ingest::{TableKind, load_text};
use crate::opportunities::Finding;
use crate::recommend::Recommending;
use crate::segments::Segmenting;
use crate::value::Valuing;
use crate::workspace::Workspace;

/// A small demo shop's log and customer table, loaded.
fn demo_workspace() -> Workspace {
    let size = DemoSize {
        customers: 300,
        ..DemoSize::default()
    };
    let demo = demo::generate(demo::SEED, size);
    let mut workspace = Workspace::default();
    let log = load_text(&demo.transactions, TableKind::Transactions);
    workspace.set_transactions(log.dataset, true);
    workspace.add_extra(
        "customers.csv".into(),
        load_text(&demo.customers, TableKind::Extra),
        true,
    );
    workspace
}

/// Runs `A` as the worker does and keeps its result: its summary, or the message.
fn run<A: Registered>(
    workspace: &mut Workspace,
    settings: A::Settings,
) -> Result<A::Summary, String> {
    let snapshot = workspace.snapshot().expect("a log is loaded");
    let extras = snapshot.extra_tables();
    let input = snapshot.input(&extras);
    let output = pollster::block_on(super::run::<A, _>(&input, &settings, &mut Unattended))
        .map_err(|stopped| match stopped {
            Stopped::Failed(message) => message,
            Stopped::Interrupted(reason) => format!("{reason:?}"),
        })?;
    let summary = A::summarise(&output, &settings);
    workspace.keep::<A>(output, settings);
    Ok(summary)
}

/// Which analyses have a result kept.
fn kept(workspace: &Workspace) -> Vec<Kind> {
    workspace.kept()
}

/// Runs every registered analysis with its default settings, in the registry's order,
/// and checks what each gives the page: a summary that crosses the wire, a headline,
/// per-customer rows when it has an export.
struct RunAll<'w>(&'w mut Workspace);

impl Visit<Unit<()>> for RunAll<'_> {
    fn visit<A: Registered>(&mut self, (): &()) {
        let summary = run::<A>(self.0, Default::default())
            .unwrap_or_else(|message| panic!("{:?}: {message}", A::KIND));
        check_summary::<A>(summary);
        let snapshot = self.0.snapshot().expect("loaded");
        let output = self.0.result::<A>().expect("kept");
        let rows = A::customer_rows(output, &snapshot.orders);
        assert_eq!(rows.is_some(), A::WORDS.export.is_some(), "{:?}", A::KIND);
        if let Some(rows) = rows {
            assert!(rows.lines().count() > 1, "{:?}: {rows}", A::KIND);
        }
    }
}

/// Runs every registered analysis on `workspace` (see [`RunAll`]).
fn run_all(workspace: &mut Workspace) {
    each(&mut RunAll(workspace));
    assert_eq!(kept(workspace), Kind::ALL, "every result is kept");
}

/// A summary crosses the wire as the page receives it, and says itself in a headline.
fn check_summary<A: Registered>(summary: A::Summary) -> Headline {
    let bytes = crate::protocol::encode(&A::wrap_summary(summary.clone())).expect("encodes");
    let back: AnySummary = crate::protocol::decode(&bytes).expect("decodes");
    assert_eq!(back.kind(), A::KIND);
    struct Back;
    impl Dispatch<SummaryOf, Vec<u8>> for Back {
        fn call<B: Registered>(self, summary: B::Summary) -> Vec<u8> {
            crate::protocol::encode(&summary).expect("encodes")
        }
    }
    assert_eq!(
        back.dispatch(Back),
        crate::protocol::encode(&summary).expect("encodes"),
        "the same summary comes back"
    );
    let headline = A::headline(&summary);
    assert!(
        headline.en.ends_with('.') || headline.en.contains(':'),
        "{headline:?}"
    );
    assert!(
        !headline.zh.is_empty() && headline.zh != headline.en,
        "{headline:?}"
    );
    headline
}

#[test]
fn every_analysis_runs_through_the_registry_and_keeps_its_result() {
    let mut workspace = demo_workspace();
    run_all(&mut workspace);
    // What some of them read of the others and of the data.
    let snapshot = workspace.snapshot().expect("loaded");
    let segments = workspace.result::<Segmenting>().expect("kept");
    let summary = Segmenting::summarise(segments, &Default::default());
    let headline = Segmenting::headline(&summary);
    assert!(
        headline
            .en
            .starts_with(&format!("{} customers in ", summary.customers)),
        "{headline:?}"
    );
    let rows = Segmenting::customer_rows(segments, &snapshot.orders).expect("rows");
    assert!(rows.lines().count() > 100 && rows.starts_with("customer"));
    let rules = workspace.result::<FindingRules>().expect("kept");
    assert!(rules.analysis.matched > 0, "the demo plants pairs");
    let recommendations = workspace.result::<Recommending>().expect("kept").summary();
    assert_eq!(recommendations.segments_from, "the latest segmentation");
    let opportunities = workspace.result::<Finding>().expect("kept");
    assert_eq!(
        opportunities.summary.groups_from,
        crate::opportunities::GroupSource::Segments
    );
    let rows = Finding::customer_rows(opportunities, &snapshot.orders);
    assert!(rows.is_some_and(|rows| rows.starts_with("group,item,rank,customer_id")));
    let rows = Valuing::customer_rows(
        workspace.result::<Valuing>().expect("kept"),
        &snapshot.orders,
    );
    assert!(rows.is_some_and(|rows| rows.starts_with("customer_id,frequency")));
}

#[test]
fn a_result_forgets_those_made_with_its_predecessor() {
    let mut workspace = demo_workspace();
    run_all(&mut workspace);
    let segmentation = workspace_segmentation(&mut workspace);
    let forgotten = workspace.keep::<Segmenting>(segmentation, Default::default());
    // Recommendations and gaps between segments read the segments; rules of all
    // baskets and the value models do not.
    for kind in [Kind::Recommendations, Kind::Opportunities] {
        assert!(forgotten.contains(&kind) && !kept(&workspace).contains(&kind));
    }
    for kind in [Kind::Segments, Kind::Baskets, Kind::Value] {
        assert!(!forgotten.contains(&kind) && kept(&workspace).contains(&kind));
    }

    // Rules of one segment's baskets go with the segments.
    let cluster = workspace.result::<Segmenting>().expect("kept").labels[0];
    let of_segment = RulesRequest {
        segment: Some(cluster),
        ..RulesRequest::default()
    };
    let found = run::<FindingRules>(&mut workspace, of_segment).expect("rules");
    let all = run::<FindingRules>(&mut workspace, Default::default()).expect("rules");
    assert!(
        found.analysis.estimate.baskets < all.analysis.estimate.baskets,
        "only the segment's baskets"
    );
    assert!(found.segment.is_some() && all.segment.is_none());
    let of_segment = RulesRequest {
        segment: Some(cluster),
        ..RulesRequest::default()
    };
    run::<FindingRules>(&mut workspace, of_segment).expect("rules");
    let segmentation = workspace_segmentation(&mut workspace);
    let forgotten = workspace.keep::<Segmenting>(segmentation, Default::default());
    assert_eq!(forgotten, [Kind::Baskets]);
}

/// A fresh segmentation of the workspace's data, not yet kept.
fn workspace_segmentation(workspace: &mut Workspace) -> crate::segments::Segmentation {
    let snapshot = workspace.snapshot().expect("loaded");
    let extras = snapshot.extra_tables();
    let input = snapshot.input(&extras);
    pollster::block_on(Segmenting::run(
        &input,
        &Default::default(),
        &mut Unattended,
    ))
    .expect("segments")
}

#[test]
fn a_changed_extra_table_forgets_what_read_it_and_a_new_log_everything() {
    let mut workspace = demo_workspace();
    run_all(&mut workspace);
    let feedback = load_text("customer_id,score\nC00001,5\n", TableKind::Extra);
    workspace.add_extra("feedback.csv".into(), feedback, true);
    // Segments may use the table's columns; the recommendations and the gaps between
    // segments used the segments.
    for kind in [Kind::Segments, Kind::Recommendations, Kind::Opportunities] {
        assert!(!kept(&workspace).contains(&kind), "{kind:?}");
    }
    for kind in [Kind::Baskets, Kind::Value] {
        assert!(kept(&workspace).contains(&kind), "{kind:?}");
    }
    let log = load_text("customer,date\na,2024-01-02\n", TableKind::Transactions);
    workspace.set_transactions(log.dataset, false);
    assert!(kept(&workspace).is_empty());
}

#[test]
fn a_segment_that_is_gone_is_said_and_unlinked() {
    let mut workspace = demo_workspace();
    let request = RulesRequest {
        segment: Some(3),
        ..RulesRequest::default()
    };
    let error = run::<FindingRules>(&mut workspace, request.clone()).expect_err("no segments");
    assert!(
        error.starts_with("Baskets: that segment is gone"),
        "{error}"
    );
    let mut settings = request;
    FindingRules::unlink(&mut settings, Kind::Value);
    assert_eq!(settings.segment, Some(3), "only the segments name segments");
    FindingRules::unlink(&mut settings, Kind::Segments);
    assert_eq!(settings.segment, None);
}

#[test]
fn staleness_follows_chains_of_results() {
    let needs = |extras, results: &[Kind]| Needs {
        extras,
        results: results.to_vec(),
    };
    let kept = [
        (Kind::Segments, needs(true, &[])),
        (Kind::Recommendations, needs(false, &[Kind::Segments])),
        (Kind::Baskets, needs(false, &[Kind::Recommendations])),
        (Kind::Value, needs(false, &[])),
    ];
    assert_eq!(
        stale(&kept, true, &[]),
        [Kind::Segments, Kind::Recommendations, Kind::Baskets]
    );
    assert_eq!(
        stale(&kept, false, &[Kind::Segments]),
        [Kind::Recommendations, Kind::Baskets]
    );
    assert!(stale(&kept, false, &[Kind::Value]).is_empty());
}

#[test]
fn any_settings_cross_the_wire_and_reach_their_analysis() {
    struct Which;
    impl Dispatch<SettingsOf, Kind> for Which {
        fn call<A: Registered>(self, settings: A::Settings) -> Kind {
            assert_eq!(settings, A::Settings::default());
            A::KIND
        }
    }
    struct Cross;
    impl Visit<Unit<()>> for Cross {
        fn visit<A: Registered>(&mut self, (): &()) {
            let settings = A::wrap_settings(A::Settings::default());
            assert_eq!(settings.kind(), A::KIND);
            let bytes = crate::protocol::encode(&settings).expect("encodes");
            let back: AnySettings = crate::protocol::decode(&bytes).expect("decodes");
            assert_eq!(back.dispatch(Which), A::KIND);
        }
    }
    each(&mut Cross);
}
