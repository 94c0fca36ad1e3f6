//! The quality report of a loaded file: counts that reconcile, notes, a profile of each
//! column and the rows that were repaired or set aside, with line, column and reason.

use crate::ingest::LoadReport;
use crate::ingest::date::DateFormat;
use crate::ingest::infer::ColumnType;
use crate::ingest::number::NumberStyle;
use crate::ingest::profile::{ColumnProfile, Summary};
use crate::ingest::reader::{Issues, RowIssue};
use crate::ingest::roles::Role;
use crate::view::chart::{Bars, LineChart};
use crate::view::format;
use crate::web::app::charts::Chart;
use crate::web::app::store::RolesFor;
use leptos::prelude::*;

/// What the rows were read from: a workbook's sheet (and the others it has), or a text
/// file's encoding and delimiter.
fn source(report: &LoadReport) -> AnyView {
    match &report.interpretation.sheet {
        Some(sheet) => {
            let others = (sheet.sheets.len() > 1)
                .then(|| format!(" · the workbook's sheets: {}", sheet.sheets.join(", ")));
            view! {
                "sheet " <span data-testid="sheet">{sheet.name.clone()}</span>
                {others}
            }
            .into_any()
        }
        None => view! {
            <span data-testid="encoding">{report.encoding.clone()}</span> " · "
            <span data-testid="delimiter">{report.delimiter.to_string()}</span>
            " delimiter"
        }
        .into_any(),
    }
}

/// How many problem rows are listed; the rest are counted.
const LISTED: usize = 100;

/// Everything loading a file found, and (with `roles`) a way to change its column
/// roles.
#[component]
pub fn QualityReport(name: String, report: LoadReport, roles: Option<RolesFor>) -> impl IntoView {
    let count = |label: &'static str, testid: &'static str, value: u64| {
        view! {
            <li data-testid=testid>
                <strong>{format::count(value)}</strong>
                {format!(" {label}")}
            </li>
        }
    };
    view! {
        <article class="card" data-testid="quality-report">
            <h2>{name}</h2>
            <p class="muted">
                {format::bytes(report.bytes)} " · " {source(&report)}
            </p>
            <ul class="counts">
                {count("rows read", "count-read", report.read)}
                {count("kept", "count-kept", report.kept)}
                {count("repaired", "count-repaired", report.repaired.count)}
                {count("rejected", "count-rejected", report.rejected.count)}
                {count("exact duplicates", "count-duplicates", report.duplicates)}
                {count("returns or cancellations", "count-returns", report.returns)}
            </ul>
            {(!report.notes.is_empty())
                .then(|| {
                    view! {
                        <ul class="notes" data-testid="notes">
                            {report.notes.iter().map(|note| view! { <li>{note.clone()}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {(roles == Some(RolesFor::Shown))
                .then(|| view! { <super::reading::HowRead report=report.clone() /> })}
            <div class="charts">{activity(&report)} {categories(&report)}</div>
            <h3>"Columns"</h3>
            <table class="grid" data-testid="columns-table">
                <thead>
                    <tr>
                        <th>"Column"</th>
                        <th>"Role"</th>
                        <th>"Type"</th>
                        <th class="num">"Missing"</th>
                        <th class="num">"Distinct"</th>
                        <th>"Distribution"</th>
                    </tr>
                </thead>
                <tbody>
                    {report
                        .columns
                        .iter()
                        .enumerate()
                        .map(|(index, column)| {
                            let why = why(&report, index);
                            view! { <ColumnRow column=column.clone() kept=report.kept why /> }
                        })
                        .collect_view()}
                </tbody>
            </table>

            {roles
                .map(|target| {
                    view! {
                        <details class="roles-box" data-testid="change-roles">
                            <summary>"Change column roles"</summary>
                            <super::roles::RoleEditor
                                columns=report
                                    .columns
                                    .iter()
                                    .map(|c| (c.name.clone(), c.column_type))
                                    .collect()
                                mapping=report.mapping.clone()
                                target
                            />
                        </details>
                    }
                })}            <ProblemRows title="Rejected rows" testid="rejected" issues=report.rejected.clone() />
            <ProblemRows title="Repaired rows" testid="repaired" issues=report.repaired.clone() />
        </article>
    }
}

/// Rows per month of the date column, as a line, when there are two months or more.
fn activity(report: &LoadReport) -> Option<impl IntoView + use<>> {
    let date = report.mapping.column(Role::Date)?;
    let Summary::Dates { per_month, .. } = &report.columns.get(date)?.summary else {
        return None;
    };
    (per_month.len() > 1).then(|| {
        let chart = LineChart {
            x_label: "month".to_owned(),
            y_label: "lines".to_owned(),
            points: (0..)
                .zip(per_month)
                .map(|(i, (_, rows))| (f64::from(i), *rows as f64))
                .collect(),
            mark: None,
            x_names: per_month.iter().map(|(month, _)| month.clone()).collect(),
            ..LineChart::default()
        };
        let title = "Order lines per month".to_owned();
        view! { <Chart testid="rows-per-month" title svg=chart.svg() /> }
    })
}

/// The most frequent categories (or products), as bars.
fn categories(report: &LoadReport) -> Option<impl IntoView + use<>> {
    let (role, column) = [Role::Category, Role::Product]
        .into_iter()
        .find_map(|role| Some((role, report.mapping.column(role)?)))?;
    let Summary::Text { top } = &report.columns.get(column)?.summary else {
        return None;
    };
    (top.len() > 1).then(|| {
        let chart = Bars {
            bars: top
                .iter()
                .map(|(name, count)| (name.clone(), *count as f64))
                .collect(),
            label: |value| format::count(value as u64),
        };
        let title = format!("Order lines by {role}");
        view! { <Chart testid="top-values" title svg=chart.svg() /> }
    })
}

pub(super) fn type_name(column_type: &ColumnType) -> String {
    match column_type {
        ColumnType::Text => "text".into(),
        ColumnType::Number {
            style: NumberStyle::DecimalPoint,
        } => "number (1,234.5)".into(),
        ColumnType::Number {
            style: NumberStyle::DecimalComma,
        } => "number (1.234,5)".into(),
        ColumnType::Date { reading } => {
            let format = match reading.format {
                DateFormat::YearMonthDay => "year-month-day",
                DateFormat::DayMonthYear => "day/month/year",
                DateFormat::MonthDayYear => "month/day/year",
                DateFormat::Chinese => "年月日",
                DateFormat::ExcelSerial => "Excel serial",
                DateFormat::UnixSeconds => "Unix seconds",
                DateFormat::UnixMillis => "Unix milliseconds",
                DateFormat::MonthName => "day month-name year",
            };
            let assumed = if reading.order_assumed {
                ", assumed"
            } else {
                ""
            };
            format!("date ({format}{assumed})")
        }
    }
}

fn short(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

fn describe(summary: &Summary) -> String {
    match summary {
        Summary::Empty => "no values".into(),
        Summary::Numbers {
            min,
            max,
            quartiles,
            outliers,
            ..
        } => format!(
            "{} to {}, median {}{}",
            short(*min),
            short(*max),
            short(quartiles[1]),
            if *outliers > 0 {
                format!(", {} outliers", format::count(*outliers))
            } else {
                String::new()
            }
        ),
        Summary::Dates { first, last, .. } => format!("{} to {}", &first[..10], &last[..10]),
        Summary::Text { top } => top
            .iter()
            .take(3)
            .map(|(value, count)| format!("{value} ({})", format::count(*count)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Bar heights of a column's distribution.
fn bars(summary: &Summary) -> Vec<u64> {
    match summary {
        Summary::Empty => Vec::new(),
        Summary::Numbers { histogram, .. } => histogram.clone(),
        Summary::Dates { per_month, .. } => per_month.iter().map(|(_, count)| *count).collect(),
        Summary::Text { top } => top.iter().map(|(_, count)| *count).collect(),
    }
}

/// A small bar chart drawn with SVG attributes (inline styles are forbidden by the
/// Content-Security-Policy).
#[component]
fn Sparkline(counts: Vec<u64>) -> impl IntoView {
    const WIDTH: f64 = 120.0;
    const HEIGHT: f64 = 24.0;
    let highest = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = WIDTH / counts.len().max(1) as f64;
    view! {
        <svg class="spark" viewBox="0 0 120 24" width="120" height="24" aria-hidden="true">
            {counts
                .iter()
                .enumerate()
                .map(|(i, &count)| {
                    let height = (count as f64 / highest * HEIGHT).max(if count > 0 { 1.0 } else { 0.0 });
                    view! {
                        <rect
                            x=format!("{:.2}", i as f64 * step)
                            y=format!("{:.2}", HEIGHT - height)
                            width=format!("{:.2}", (step - 1.0).max(0.5))
                            height=format!("{height:.2}")
                        ></rect>
                    }
                })
                .collect_view()}
        </svg>
    }
}

/// Why column `index` has its role, or why it has none although it has numbers.
fn why(report: &LoadReport, index: usize) -> Option<String> {
    let found = &report.interpretation;
    let reason = found
        .reasons
        .iter()
        .find(|reason| reason.column == index)
        .map(|reason| reason.reason.clone());
    let order_level = found
        .order_level
        .iter()
        .find(|column| column.column == index)
        .map(|column| format!("order-level: {}", column.reason));
    match (reason, order_level) {
        (Some(reason), Some(level)) => Some(format!("{reason}; {level}")),
        (reason, level) => reason.or(level),
    }
}

#[component]
fn ColumnRow(column: ColumnProfile, kept: u64, why: Option<String>) -> impl IntoView {
    let missing = if kept == 0 {
        0.0
    } else {
        column.missing as f64 / kept as f64 * 100.0
    };
    let unreadable = (column.unreadable > 0)
        .then(|| format!(" ({} unreadable)", format::count(column.unreadable)));
    view! {
        <tr data-column=column.name.clone()>
            <td>{column.name.clone()}</td>
            <td>
                <span data-testid="role">
                    {column.role.map_or_else(|| "—".to_owned(), |role| role.to_string())}
                </span>
                {why.map(|why| view! { <span class="reason" data-testid="role-reason">{why}</span> })}
            </td>
            <td data-testid="type">{type_name(&column.column_type)}</td>
            <td class="num">{format!("{missing:.1}%")} {unreadable}</td>
            <td class="num">{format::count(column.distinct)}</td>
            <td class="distribution">
                <Sparkline counts=bars(&column.summary) />
                <span class="muted">{describe(&column.summary)}</span>
            </td>
        </tr>
    }
}

#[component]
fn ProblemRows(title: &'static str, testid: &'static str, issues: Issues) -> impl IntoView {
    if issues.count == 0 {
        return None;
    }
    let listed = issues.first.len().min(LISTED);
    let more = issues.count - listed as u64;
    let row = |issue: &RowIssue| {
        view! {
            <tr>
                <td class="num">{issue.line}</td>
                <td>{issue.column.clone().unwrap_or_default()}</td>
                <td>{issue.problem.to_string()}</td>
                <td>
                    <code>{issue.text.clone()}</code>
                </td>
            </tr>
        }
    };
    Some(view! {
        <h3>{format!("{title} ({})", format::count(issues.count))}</h3>
        <table class="grid" data-testid=format!("{testid}-table")>
            <thead>
                <tr>
                    <th class="num">"Line"</th>
                    <th>"Column"</th>
                    <th>"Reason"</th>
                    <th>"Row"</th>
                </tr>
            </thead>
            <tbody>{issues.first.iter().take(listed).map(row).collect_view()}</tbody>
        </table>
        {(more > 0).then(|| view! { <p class="muted">{format!("and {} more not listed", format::count(more))}</p> })}
    })
}
