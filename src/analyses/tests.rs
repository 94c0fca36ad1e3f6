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
    let mut kinds = Vec::new();
    if workspace.result::<Segmenting>().is_some() {
        kinds.push(Kind::Segments);
    }
    if workspace.result::<FindingRules>().is_some() {
        kinds.push(Kind::Baskets);
    }
    if workspace.result::<Recommending>().is_some() {
        kinds.push(Kind::Recommendations);
    }
    if workspace.result::<Valuing>().is_some() {
        kinds.push(Kind::Value);
    }
    if workspace.result::<Finding>().is_some() {
        kinds.push(Kind::Opportunities);
    }
    kinds
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
    let segments = run::<Segmenting>(&mut workspace, Default::default()).expect("segments");
    let headline = check_summary::<Segmenting>(segments.clone());
    assert!(
        headline
            .en
            .starts_with(&format!("{} customers in ", segments.customers)),
        "{headline:?}"
    );
    let rules = run::<FindingRules>(&mut workspace, Default::default()).expect("rules");
    assert!(rules.analysis.matched > 0, "the demo plants pairs");
    check_summary::<FindingRules>(rules);
    let recommendations =
        run::<Recommending>(&mut workspace, Default::default()).expect("recommends");
    assert_eq!(recommendations.segments_from, "the latest segmentation");
    check_summary::<Recommending>(recommendations);
    let value = run::<Valuing>(&mut workspace, Default::default()).expect("values");
    check_summary::<Valuing>(value);
    let opportunities = run::<Finding>(&mut workspace, Default::default()).expect("gaps");
    assert_eq!(
        opportunities.groups_from,
        crate::opportunities::GroupSource::Segments
    );
    check_summary::<Finding>(opportunities);
    assert_eq!(kept(&workspace), Kind::ALL);

    // Per-customer rows for those with an export, from the kept results.
    let snapshot = workspace.snapshot().expect("loaded");
    let segments = workspace.result::<Segmenting>().expect("kept");
    let rows = Segmenting::customer_rows(segments, &snapshot.orders).expect("rows");
    assert!(rows.lines().count() > 100 && rows.starts_with("customer"));
    let rows = Valuing::customer_rows(
        workspace.result::<Valuing>().expect("kept"),
        &snapshot.orders,
    );
    assert!(rows.is_some_and(|rows| rows.starts_with("customer_id,frequency")));
    let rows = Finding::customer_rows(
        workspace.result::<Finding>().expect("kept"),
        &snapshot.orders,
    );
    assert!(rows.is_some_and(|rows| rows.starts_with("group,item,rank,customer_id")));
    assert!(Valuing::WORDS.export.is_some() && FindingRules::WORDS.export.is_none());
}

#[test]
fn a_result_forgets_those_made_with_its_predecessor() {
    let mut workspace = demo_workspace();
    run::<Segmenting>(&mut workspace, Default::default()).expect("segments");
    run::<Recommending>(&mut workspace, Default::default()).expect("recommends");
    run::<Valuing>(&mut workspace, Default::default()).expect("values");
    // Rules of all baskets read no segments.
    run::<FindingRules>(&mut workspace, Default::default()).expect("rules");
    // Gaps between segments read the segments.
    run::<Finding>(&mut workspace, Default::default()).expect("gaps");
    assert_eq!(kept(&workspace), Kind::ALL);
    let segmentation = workspace_segmentation(&mut workspace);
    let forgotten = workspace.keep::<Segmenting>(segmentation, Default::default());
    assert_eq!(forgotten, [Kind::Recommendations, Kind::Opportunities]);
    assert_eq!(
        kept(&workspace),
        [Kind::Segments, Kind::Baskets, Kind::Value]
    );

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
    for kind in Kind::ALL {
        match kind {
            Kind::Segments => run::<Segmenting>(&mut workspace, Default::default()).map(drop),
            Kind::Baskets => run::<FindingRules>(&mut workspace, Default::default()).map(drop),
            Kind::Recommendations => {
                run::<Recommending>(&mut workspace, Default::default()).map(drop)
            }
            Kind::Value => run::<Valuing>(&mut workspace, Default::default()).map(drop),
            Kind::Opportunities => run::<Finding>(&mut workspace, Default::default()).map(drop),
        }
        .expect("runs");
    }
    let feedback = load_text("customer_id,score\nC00001,5\n", TableKind::Extra);
    workspace.add_extra("feedback.csv".into(), feedback, true);
    // Segments may use the table's columns; the recommendations and the gaps between
    // segments used the segments.
    assert_eq!(kept(&workspace), [Kind::Baskets, Kind::Value]);
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
    let all = [
        Segmenting::wrap_settings(Default::default()),
        FindingRules::wrap_settings(Default::default()),
        Recommending::wrap_settings(Default::default()),
        Valuing::wrap_settings(Default::default()),
        Finding::wrap_settings(Default::default()),
    ];
    for (settings, &kind) in all.into_iter().zip(Kind::ALL) {
        let bytes = crate::protocol::encode(&settings).expect("encodes");
        let back: AnySettings = crate::protocol::decode(&bytes).expect("decodes");
        assert_eq!(back.kind(), kind);
        assert_eq!(back.dispatch(Which), kind);
    }
}
