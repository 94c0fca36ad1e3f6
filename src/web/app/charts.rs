//! Charts drawn as SVG elements: line, scatter, heat map and bars.
//!
//! SVG rather than a canvas (plotters-canvas): every mark is an element, so hovering
//! shows its `<title>`, screen readers and the browser tests can read the values. Colours
//! and fonts are presentation attributes, which the Content-Security-Policy allows
//! (inline `style` attributes it forbids) and which a PNG copy keeps (the stylesheet does
//! not reach a picture). Every chart has a PNG button. Charts with many points are given
//! a sample by the caller, which says so. The geometry is [`crate::view::scale`], tested
//! natively.

use super::download::save_png;
use crate::view::scale::{Linear, extent, short, ticks};
use leptos::prelude::*;
use leptos::svg::Svg;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 42.0;

/// Group colours (Tableau 10: distinct, and readable by most colour-blind people).
pub const COLOURS: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

/// The colour of group `group`.
pub fn colour(group: usize) -> &'static str {
    COLOURS[group % COLOURS.len()]
}

const INK: &str = "#1f2937";
const MUTED: &str = "#6b7280";
const RULE: &str = "#e5e7eb";
const FONT: &str = "system-ui, sans-serif";

/// A chart's frame: its caption, a button saving it as `name`.png, and the figure.
#[component]
fn Figure(
    testid: &'static str,
    title: String,
    svg: NodeRef<Svg>,
    children: Children,
) -> impl IntoView {
    let name = format!("{testid}.png");
    let save = move |_| {
        let Some(element) = svg.get_untracked() else {
            return;
        };
        let name = name.clone();
        leptos::task::spawn_local(async move {
            if let Err(error) = save_png(&element, &name).await {
                web_sys::console::error_2(&"the chart could not be saved".into(), &error);
            }
        });
    };
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>
                <span>{title}</span>
                <button type="button" class="small" data-testid="save-png" on:click=save>
                    "PNG"
                </button>
            </figcaption>
            {children()}
        </figure>
    }
}

/// The axes of a chart: scales, and the tick marks and labels to draw.
struct Axes {
    x: Linear,
    y: Linear,
    x_ticks: Vec<f64>,
    y_ticks: Vec<f64>,
}

impl Axes {
    fn new(xs: impl IntoIterator<Item = f64>, ys: impl IntoIterator<Item = f64>) -> Self {
        let (x_lo, x_hi) = extent(xs).unwrap_or((0.0, 1.0));
        let (y_lo, y_hi) = extent(ys).unwrap_or((0.0, 1.0));
        let (x_ticks, x_domain) = ticks(x_lo, x_hi, 6);
        let (y_ticks, y_domain) = ticks(y_lo, y_hi, 5);
        Self {
            x: Linear::new(x_domain, (LEFT, WIDTH - RIGHT)),
            y: Linear::new(y_domain, (HEIGHT - BOTTOM, TOP)),
            x_ticks,
            y_ticks,
        }
    }

    /// The axes' marks and labels; `x_names`, if not empty, name the whole x values
    /// (months, say) instead of the numbers.
    fn view(&self, x_label: String, y_label: String, x_names: &[String]) -> impl IntoView + use<> {
        let x_marks = self
            .x_ticks
            .iter()
            .filter(|&&value| x_names.is_empty() || (value >= 0.0 && (value as usize) < x_names.len()))
            .map(|&value| {
                let at = self.x.at(value);
                let name = match x_names.get(value as usize) {
                    Some(name) if value.fract() == 0.0 => name.clone(),
                    _ => short(value),
                };
                view! {
                    <line stroke=MUTED x1=at x2=at y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM + 5.0></line>
                    <text fill=MUTED font-family=FONT font-size="11" x=at y=HEIGHT - BOTTOM + 17.0 text-anchor="middle">
                        {name}
                    </text>
                }
            })
            .collect_view();
        let y_marks = self
            .y_ticks
            .iter()
            .map(|&value| {
                let at = self.y.at(value);
                view! {
                    <line stroke=RULE x1=LEFT x2=WIDTH - RIGHT y1=at y2=at></line>
                    <text fill=MUTED font-family=FONT font-size="11" x=LEFT - 6.0 y=at + 4.0 text-anchor="end">
                        {short(value)}
                    </text>
                }
            })
            .collect_view();
        view! {
            <g>
                {y_marks}
                {x_marks}
                <line stroke=INK x1=LEFT x2=WIDTH - RIGHT y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM></line>
                <line stroke=INK x1=LEFT x2=LEFT y1=TOP y2=HEIGHT - BOTTOM></line>
                <text fill=INK font-family=FONT font-size="12" x=(LEFT + WIDTH - RIGHT) / 2.0 y=HEIGHT - 6.0 text-anchor="middle">
                    {x_label}
                </text>
                <text
                    fill=INK
                    font-family=FONT
                    font-size="12"
                    transform=format!("translate(14 {}) rotate(-90)", (TOP + HEIGHT - BOTTOM) / 2.0)
                    text-anchor="middle"
                >
                    {y_label}
                </text>
            </g>
        }
    }
}

fn view_box() -> String {
    format!("0 0 {WIDTH} {HEIGHT}")
}

/// A line through points in order, each point marked and titled; `mark` highlights the
/// point at that x (a suggested value).
#[component]
pub fn LineChart(
    testid: &'static str,
    title: String,
    x_label: String,
    y_label: String,
    points: Vec<(f64, f64)>,
    #[prop(optional)] mark: Option<f64>,
    #[prop(optional)] x_names: Vec<String>,
) -> impl IntoView {
    let axes = Axes::new(points.iter().map(|p| p.0), points.iter().map(|p| p.1));
    let path = points
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            let command = if i == 0 { 'M' } else { 'L' };
            format!("{command}{:.1} {:.1}", axes.x.at(x), axes.y.at(y))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let dots = points
        .iter()
        .map(|&(x, y)| {
            let marked = mark == Some(x);
            view! {
                <circle
                    class={if marked { "dot marked" } else { "dot" }}
                    fill={if marked { colour(1) } else { colour(0) }}
                    cx=format!("{:.1}", axes.x.at(x))
                    cy=format!("{:.1}", axes.y.at(y))
                    r={if marked { 6.0 } else { 3.5 }}
                    data-x=x
                    data-y=y
                >
                    <title>
                        {format!(
                            "{x_label} {}: {y_label} {}",
                            x_names.get(x as usize).cloned().unwrap_or_else(|| short(x)),
                            short(y),
                        )}
                    </title>
                </circle>
            }
        })
        .collect_view();
    let frame = axes.view(x_label, y_label, &x_names);
    let svg = NodeRef::<Svg>::new();
    view! {
        <Figure testid title svg>
            <svg node_ref=svg viewBox=view_box() role="img" xmlns="http://www.w3.org/2000/svg">
                {frame}
                <path d=path fill="none" stroke=colour(0) stroke-width="2"></path>
                {dots}
            </svg>
        </Figure>
    }
}

/// Horizontal bars with their values, largest first as given.
#[component]
pub fn BarChart(
    testid: &'static str,
    title: String,
    bars: Vec<(String, f64)>,
    label: fn(f64) -> String,
) -> impl IntoView {
    const ROW: f64 = 24.0;
    const NAMES: f64 = 170.0;
    const BAR: f64 = 300.0;
    let highest = bars.iter().map(|b| b.1).fold(0.0_f64, f64::max);
    let scale = Linear::new((0.0, highest.max(f64::MIN_POSITIVE)), (0.0, BAR));
    let height = ROW * bars.len() as f64 + 4.0;
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, (name, value))| {
            let y = i as f64 * ROW;
            view! {
                <g class="bar" data-name=name.clone() data-value=*value>
                    <text fill=INK font-family=FONT font-size="12" x=NAMES - 6.0 y=y + 16.0 text-anchor="end">
                        {name.clone()}
                    </text>
                    <rect
                        fill=colour(0)
                        x=NAMES
                        y=y + 4.0
                        width=format!("{:.1}", scale.at(value.max(0.0)))
                        height=ROW - 8.0
                    ></rect>
                    <text fill=MUTED font-family=FONT font-size="11" x=NAMES + scale.at(value.max(0.0)) + 6.0 y=y + 16.0>
                        {label(*value)}
                    </text>
                    <title>{format!("{name}: {}", label(*value))}</title>
                </g>
            }
        })
        .collect_view();
    let svg = NodeRef::<Svg>::new();
    view! {
        <Figure testid title svg>
            <svg
                node_ref=svg
                viewBox=format!("0 0 {} {height}", NAMES + BAR + 80.0)
                role="img"
                xmlns="http://www.w3.org/2000/svg"
            >
                {rows}
            </svg>
        </Figure>
    }
}
