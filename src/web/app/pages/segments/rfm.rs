//! The RFM grid: customers by recency score and combined frequency-and-money score,
//! each cell in its named segment, and the totals of each segment.

use crate::segments::rfm::RfmSegment;
use crate::segments::summary::SegmentSummary;
use crate::view::chart::colour;
use crate::view::format;
use crate::web::app::charts::Swatch;
use crate::web::app::store::Store;
use leptos::prelude::*;

/// The colour of a named segment.
fn segment_colour(segment: RfmSegment) -> &'static str {
    match segment {
        // Eleven segments, ten colours: the last one is grey.
        RfmSegment::Lost => "#d1d5db",
        other => colour(
            RfmSegment::ALL
                .iter()
                .position(|s| *s == other)
                .unwrap_or(0),
        ),
    }
}

/// The grid and the segment totals.
#[component]
pub fn RfmGrid(summary: SegmentSummary) -> impl IntoView {
    let currency = expect_context::<Store>().currency();
    let total_revenue: f64 = summary.rfm_totals.iter().map(|t| t.revenue).sum();
    let rows = (1..=5u8)
        .rev()
        .map(|r| {
            let cells = (1..=5u8)
                .map(|fm| {
                    let segment = RfmSegment::of(r, fm);
                    let cell = summary.rfm_grid.iter().find(|c| c.r == r && c.fm == fm);
                    let customers = cell.map_or(0, |c| c.customers);
                    let revenue = cell.map_or(0.0, |c| c.revenue);
                    let title = format!(
                        "R {r}, FM {fm}: {}, {} customers, {:.1}% of revenue",
                        segment.name(),
                        format::count(customers),
                        if total_revenue > 0.0 { revenue / total_revenue * 100.0 } else { 0.0 },
                    );
                    view! {
                        <td class="rfm-cell" data-r=r data-fm=fm data-customers=customers title=title>
                            <Swatch colour=segment_colour(segment) />
                            <span class="rfm-name">{segment.name()}</span>
                            <strong>{format::count(customers)}</strong>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th>{format!("R {r}")}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let totals = summary
        .rfm_totals
        .iter()
        .filter(|t| t.customers > 0)
        .map(|t| {
            view! {
                <tr data-segment=t.segment.name()>
                    <td>
                        <Swatch colour=segment_colour(t.segment) />
                        {format!(" {}", t.segment.name())}
                    </td>
                    <td class="num">{format::count(t.customers)}</td>
                    <td class="num">{format!("{:.1}%", t.share * 100.0)}</td>
                    <td class="num">{format!("{:.1}%", t.revenue_share * 100.0)}</td>
                    <td class="num">{format!("{:.0}", t.mean_recency)}</td>
                    <td class="num">{format!("{:.1}", t.mean_frequency)}</td>
                    <td class="num">{format::money(t.mean_monetary, &currency)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>"RFM segments"</h3>
        <p class="muted">
            "Each customer scores 1 to 5 on recency (R), frequency (F) and money (M), by \
             quintile; the grid places them by R and the mean of F and M, and names the \
             segment as CRM tools do."
        </p>
        <div class="scroll">
            <table class="grid rfm" data-testid="rfm-grid">
                <thead>
                    <tr>
                        <th></th>
                        {(1..=5).map(|fm| view! { <th>{format!("FM {fm}")}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class="scroll">
            <table class="grid" data-testid="rfm-totals">
                <thead>
                    <tr>
                        <th>"Segment"</th>
                        <th class="num">"Customers"</th>
                        <th class="num">"Share"</th>
                        <th class="num">"Revenue share"</th>
                        <th class="num">"Days since last order"</th>
                        <th class="num">"Orders"</th>
                        <th class="num">"Spent"</th>
                    </tr>
                </thead>
                <tbody>{totals}</tbody>
            </table>
        </div>
    }
}
