//! The basket analysis settings: what a basket and an item are, thresholds, limits and
//! the algorithm. Checked in the worker, which says what to change.

use crate::baskets::FindingRules;
use crate::baskets::RulesRequest;
use crate::baskets::{Algorithm, Level, MinSupport, Per};
use crate::segments::Segmenting;
use crate::web::app::pages::fields::{number, parse_number};
use crate::web::app::store::Store;
use leptos::prelude::*;

/// Item names typed in a field, separated by commas.
fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The settings, applied with "Find rules".
#[component]
pub fn SettingsForm() -> impl IntoView {
    let store = expect_context::<Store>();
    let draft = RwSignal::new(store.slot::<FindingRules>().settings.get_untracked());
    let support = move || match draft.with(|d| d.params.min_support) {
        MinSupport::Share(share) => format!("{}", share * 100.0),
        MinSupport::Count(count) => count.to_string(),
    };
    let support_is_count =
        move || draft.with(|d| matches!(d.params.min_support, MinSupport::Count(_)));
    let set_support = move |text: String, count: bool| {
        let Some(value) = parse_number(&text) else {
            return;
        };
        draft.update(|d| {
            d.params.min_support = if count {
                MinSupport::Count(value.max(0.0) as u32)
            } else {
                MinSupport::Share(value / 100.0)
            }
        });
    };
    let run = move |_| {
        store
            .slot::<FindingRules>()
            .settings
            .set(draft.get_untracked());
        store.run::<FindingRules>();
    };
    view! {
        <details class="card settings" data-testid="rules-settings">
            <summary>"Settings"</summary>
            <div class="fields">
                <label>
                    "A basket is "
                    <select data-testid="per" on:change=move |e| {
                        let per = if event_target_value(&e) == "customer" { Per::Customer } else { Per::Order };
                        draft.update(|d| d.options.per = per);
                    }>
                        <option value="order">"an order"</option>
                        <option value="customer">"all a customer bought"</option>
                    </select>
                </label>
                <label>
                    "Items are "
                    <select data-testid="level" on:change=move |e| {
                        let level = if event_target_value(&e) == "category" { Level::Category } else { Level::Product };
                        draft.update(|d| d.options.level = level);
                    }>
                        <option value="product">"products"</option>
                        <option value="category">"categories"</option>
                    </select>
                </label>
                <label>
                    "Minimum support "
                    <input type="text" inputmode="decimal" data-testid="min-support" prop:value=support
                        on:change=move |e| set_support(event_target_value(&e), support_is_count()) />
                    <select data-testid="support-unit" on:change=move |e| {
                        let count = event_target_value(&e) == "count";
                        draft.update(|d| d.params.min_support = if count { MinSupport::Count(10) } else { MinSupport::Share(0.01) });
                    }>
                        <option value="share">"% of baskets"</option>
                        <option value="count">"baskets"</option>
                    </select>
                </label>
                {number("Minimum confidence (%)", "min-confidence", draft, (|d: &RulesRequest| d.params.min_confidence, |d, v| d.params.min_confidence = v), 100.0)}
                {number("Minimum lift", "min-lift", draft, (|d: &RulesRequest| d.params.min_lift, |d, v| d.params.min_lift = v), 1.0)}
                <label>
                    "Longest itemset "
                    <input type="number" min="2" data-testid="max-len"
                        prop:value=move || draft.with(|d| d.params.max_len.map(|n| n.to_string()).unwrap_or_default())
                        on:change=move |e| {
                            let len = event_target_value(&e).trim().parse().ok();
                            draft.update(|d| d.params.max_len = len);
                        } />
                </label>
                <label>
                    "Keep the strongest "
                    <input type="number" min="1" data-testid="max-rules"
                        prop:value=move || draft.with(|d| d.params.max_rules.map(|n| n.to_string()).unwrap_or_default())
                        on:change=move |e| {
                            let rules = event_target_value(&e).trim().parse().ok();
                            draft.update(|d| d.params.max_rules = rules);
                        } />
                    " rules"
                </label>
                <label>
                    "Customers "
                    <select data-testid="segment" on:change=move |e| {
                        let segment = event_target_value(&e).parse::<i32>().ok();
                        draft.update(|d| d.segment = segment);
                    }>
                        <option value="all">"all"</option>
                        {move || {
                            store.slot::<Segmenting>().result.with(|summary| {
                                summary
                                    .iter()
                                    .flat_map(|s| &s.value.profiles.clusters)
                                    .map(|c| view! { <option value=c.cluster.to_string()>{format!("segment: {}", c.name)}</option> })
                                    .collect_view()
                            })
                        }}
                    </select>
                </label>
                <label>
                    "If bought includes "
                    <input type="text" data-testid="if-items" placeholder="any item"
                        on:change=move |e| {
                            let items = list(&event_target_value(&e));
                            draft.update(|d| d.params.antecedent_items = items);
                        } />
                </label>
                <label>
                    "Then also includes "
                    <input type="text" data-testid="then-items" placeholder="any item"
                        on:change=move |e| {
                            let items = list(&event_target_value(&e));
                            draft.update(|d| d.params.consequent_items = items);
                        } />
                </label>
                <label>
                    "Algorithm "
                    <select data-testid="algorithm" on:change=move |e| {
                        let algorithm = if event_target_value(&e) == "apriori" { Algorithm::Apriori } else { Algorithm::FpGrowth };
                        draft.update(|d| d.params.algorithm = algorithm);
                    }>
                        <option value="fp-growth">"FP-growth (faster)"</option>
                        <option value="apriori">"Apriori"</option>
                    </select>
                </label>
            </div>
            <p class="muted">
                "Segments come from the Segments page; item filters take exact names, \
                 separated by commas."
            </p>
            <button type="button" class="primary" data-testid="run-rules" on:click=run>
                "Find rules"
            </button>
        </details>
    }
}
