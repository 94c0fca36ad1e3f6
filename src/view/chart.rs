//! Charts as SVG text: line, scatter, heat map and bars.
//!
//! Written as text by the pure core rather than built as UI components: a chart is a
//! picture with no behaviour of its own, so text is the smallest code (typed view trees
//! of hundreds of elements cost tens of kilobytes of wasm), it is tested natively, and
//! the PNG copy is drawn from the same text. Every mark is an element with a `<title>`,
//! so hovering shows its value and the browser tests can read it. Colours and fonts are
//! presentation attributes, which the Content-Security-Policy allows (inline `style` it
//! forbids) and which a picture keeps. Text from the user's data is escaped. Charts with
//! many points are given a sample by the caller, which says so.
//!
//! Values that are not numbers (NaN, infinite) are never drawn: they are left out and
//! the chart says how many in a visible note ([`left_out`]); a chart whose every value
//! is not a number says so instead of drawing empty axes. No `NaN` or `inf` ever reaches
//! an attribute.

use super::scale::{Linear, extent, short, ticks};
use std::fmt::Write;

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
const WARN: &str = "#b91c1c";

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 42.0;

/// `text` safe inside an XML element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The note on `count` values left out because they are not numbers; `None` for 0.
pub fn left_out(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("1 value that is not a number was left out".to_owned()),
        n => Some(format!("{n} values that are not numbers were left out")),
    }
}

/// Whether both coordinates are numbers.
fn finite_point(&(x, y): &(f64, f64)) -> bool {
    x.is_finite() && y.is_finite()
}

/// The chart in place of one whose every value (`count` of them) is not a number.
fn nothing_to_draw(width: f64, height: f64, count: usize) -> String {
    let mut svg = Svg::new(width, height);
    let text = if count == 1 {
        "Nothing to draw: the only value is not a number.".to_owned()
    } else {
        format!("Nothing to draw: all {count} values are not numbers.")
    };
    let _ = write!(
        svg.0,
        "<text class=\"note\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" \
         font-size=\"13\" fill=\"{WARN}\">{}</text>",
        width / 2.0,
        height / 2.0,
        escape(&text)
    );
    svg.finish()
}

/// An SVG document being written.
struct Svg(String);

impl Svg {
    fn new(width: f64, height: f64) -> Self {
        Self(format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
             width=\"{width}\" height=\"{height}\" role=\"img\" font-family=\"{FONT}\">\
             <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        ))
    }

    fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &str) {
        let _ = write!(
            self.0,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\"/>"
        );
    }

    /// Text at `(x, y)`; `anchor` is `start`, `middle` or `end`.
    fn text(&mut self, (x, y): (f64, f64), anchor: &str, size: u32, fill: &str, text: &str) {
        let _ = write!(
            self.0,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" font-size=\"{size}\" \
             fill=\"{fill}\">{}</text>",
            escape(text)
        );
    }

    /// The note on values left out, if any, at `(x, y)`.
    fn left_out(&mut self, (x, y): (f64, f64), anchor: &str, count: usize) {
        if let Some(note) = left_out(count) {
            let _ = write!(
                self.0,
                "<text class=\"note\" x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" \
                 font-size=\"11\" fill=\"{WARN}\">{}</text>",
                escape(&note)
            );
        }
    }

    fn finish(mut self) -> String {
        self.0.push_str("</svg>");
        self.0
    }
}

/// Scales and tick marks of an x-y chart.
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

    fn at(&self, x: f64, y: f64) -> (f64, f64) {
        (self.x.at(x), self.y.at(y))
    }

    /// Grid, ticks and labels; `x_names`, if not empty, name the whole x values.
    fn draw(&self, svg: &mut Svg, x_label: &str, y_label: &str, x_names: &[String]) {
        let bottom = HEIGHT - BOTTOM;
        for &value in &self.y_ticks {
            let y = self.y.at(value);
            svg.line((LEFT, y), (WIDTH - RIGHT, y), RULE);
            svg.text((LEFT - 6.0, y + 4.0), "end", 11, MUTED, &short(value));
        }
        for &value in &self.x_ticks {
            let name = if x_names.is_empty() {
                short(value)
            } else if value >= 0.0 && value.fract() == 0.0 {
                match x_names.get(value as usize) {
                    Some(name) => name.clone(),
                    None => continue,
                }
            } else {
                continue;
            };
            let x = self.x.at(value);
            svg.line((x, bottom), (x, bottom + 5.0), MUTED);
            svg.text((x, bottom + 17.0), "middle", 11, MUTED, &name);
        }
        svg.line((LEFT, bottom), (WIDTH - RIGHT, bottom), INK);
        svg.line((LEFT, TOP), (LEFT, bottom), INK);
        svg.text(
            ((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 6.0),
            "middle",
            12,
            INK,
            x_label,
        );
        let middle = (TOP + bottom) / 2.0;
        let _ = write!(
            svg.0,
            "<text transform=\"translate(14 {middle:.1}) rotate(-90)\" text-anchor=\"middle\" \
             font-size=\"12\" fill=\"{INK}\">{}</text>",
            escape(y_label)
        );
    }
}

/// A further line of a [`LineChart`], with its name for the legend.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// The name in the legend.
    pub name: String,
    /// The points, in order.
    pub points: Vec<(f64, f64)>,
    /// Drawn dashed and thin, without dots (a reference line).
    pub dashed: bool,
}

/// A line through points in order, each point marked and titled; with further lines
/// (`others`), a legend names them all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineChart {
    /// The x axis's name.
    pub x_label: String,
    /// The y axis's name.
    pub y_label: String,
    /// The points, in order.
    pub points: Vec<(f64, f64)>,
    /// The x of a point to highlight (a suggested value).
    pub mark: Option<f64>,
    /// Names of the whole x values (months, say), shown instead of the numbers.
    pub x_names: Vec<String>,
    /// The name of `points` in the legend (shown when there are `others`).
    pub name: String,
    /// Further lines, in colours of their own.
    pub others: Vec<Series>,
}

impl LineChart {
    /// The chart as SVG text.
    pub fn svg(&self) -> String {
        let all = self.points.len() + self.others.iter().map(|s| s.points.len()).sum::<usize>();
        let kept = LineChart {
            points: self.points.iter().copied().filter(finite_point).collect(),
            others: self
                .others
                .iter()
                .map(|s| Series {
                    points: s.points.iter().copied().filter(finite_point).collect(),
                    ..s.clone()
                })
                .collect(),
            ..self.clone()
        };
        let drawn = kept.points.len() + kept.others.iter().map(|s| s.points.len()).sum::<usize>();
        if drawn == 0 && all > 0 {
            return nothing_to_draw(WIDTH, HEIGHT, all);
        }
        let mut svg = kept.draw();
        svg.left_out((WIDTH - RIGHT, TOP + 10.0), "end", all - drawn);
        svg.finish()
    }

    /// The chart of points that are all numbers.
    fn draw(&self) -> Svg {
        let every = || {
            self.points
                .iter()
                .chain(self.others.iter().flat_map(|series| &series.points))
        };
        let axes = Axes::new(every().map(|p| p.0), every().map(|p| p.1));
        let mut svg = Svg::new(WIDTH, HEIGHT);
        axes.draw(&mut svg, &self.x_label, &self.y_label, &self.x_names);
        for (i, series) in self.others.iter().enumerate() {
            let path = path(&axes, &series.points);
            let style = if series.dashed {
                "stroke-width=\"1.5\" stroke-dasharray=\"5 4\""
            } else {
                "stroke-width=\"2\""
            };
            let _ = write!(
                svg.0,
                "<path class=\"series\" d=\"{path}\" fill=\"none\" stroke=\"{}\" {style}><title>{}</title></path>",
                colour(i + 2),
                escape(&series.name)
            );
            if !series.dashed {
                for &(x, y) in &series.points {
                    let (px, py) = axes.at(x, y);
                    let _ = write!(
                        svg.0,
                        "<circle class=\"dot\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3\" fill=\"{}\" \
                         data-x=\"{x}\" data-y=\"{y}\"><title>{}</title></circle>",
                        colour(i + 2),
                        escape(&format!(
                            "{}: {} {}, {} {}",
                            series.name,
                            self.x_label,
                            short(x),
                            self.y_label,
                            short(y)
                        )),
                    );
                }
            }
        }
        if !self.others.is_empty() {
            let names = std::iter::once((&self.name, colour(0))).chain(
                self.others
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (&s.name, colour(i + 2))),
            );
            for (row, (name, fill)) in names.enumerate() {
                let y = TOP + 4.0 + row as f64 * 16.0;
                let _ = write!(
                    svg.0,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{fill}\"/>",
                    LEFT + 10.0,
                    y - 9.0
                );
                svg.text((LEFT + 26.0, y), "start", 11, INK, name);
            }
        }
        let _ = write!(
            svg.0,
            "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
            path(&axes, &self.points),
            colour(0)
        );
        for &(x, y) in &self.points {
            let marked = self.mark == Some(x);
            let (px, py) = axes.at(x, y);
            let name = match self.x_names.get(x as usize) {
                Some(name) if x >= 0.0 && x.fract() == 0.0 => name.clone(),
                _ => short(x),
            };
            let _ = write!(
                svg.0,
                "<circle class=\"dot{}\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"{}\" fill=\"{}\" \
                 data-x=\"{x}\" data-y=\"{y}\"><title>{}</title></circle>",
                if marked { " marked" } else { "" },
                if marked { 6.0 } else { 3.5 },
                colour(usize::from(marked)),
                escape(&format!(
                    "{} {name}: {} {}",
                    self.x_label,
                    self.y_label,
                    short(y)
                )),
            );
        }
        svg
    }
}

/// The SVG path through `points` in order.
fn path(axes: &Axes, points: &[(f64, f64)]) -> String {
    let mut path = String::with_capacity(points.len() * 16);
    for (i, &(x, y)) in points.iter().enumerate() {
        let (px, py) = axes.at(x, y);
        let _ = write!(path, "{}{px:.1} {py:.1} ", if i == 0 { 'M' } else { 'L' });
    }
    path.truncate(path.trim_end().len());
    path
}

/// A point of a [`Scatter`].
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    /// Position.
    pub x: f64,
    /// Position.
    pub y: f64,
    /// Index into the groups, for its colour.
    pub group: usize,
    /// Shown on hover.
    pub label: String,
}

/// Points coloured by group, each group's centre drawn as a cross.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scatter {
    /// The x axis's name.
    pub x_label: String,
    /// The y axis's name.
    pub y_label: String,
    /// The points.
    pub dots: Vec<Dot>,
    /// Each group's name, in group order.
    pub groups: Vec<String>,
    /// Each group's centre, in group order.
    pub centres: Vec<(f64, f64)>,
}

impl Scatter {
    /// The chart as SVG text, with a legend below the plot.
    pub fn svg(&self) -> String {
        let dots: Vec<Dot> = self
            .dots
            .iter()
            .filter(|d| d.x.is_finite() && d.y.is_finite())
            .cloned()
            .collect();
        // A centre that is NaN in both coordinates is a group without one (DBSCAN's
        // noise), drawn as none and not counted; any other centre not a number is.
        let no_centre = |c: &(f64, f64)| c.0.is_nan() && c.1.is_nan();
        let bad_centres = self
            .centres
            .iter()
            .filter(|c| !no_centre(c) && !finite_point(c))
            .count();
        let centres = self.centres.iter().filter(|c| !no_centre(c)).count();
        let all = self.dots.len() + centres;
        let left = self.dots.len() - dots.len() + bad_centres;
        if left == all && all > 0 {
            return nothing_to_draw(WIDTH, HEIGHT, all);
        }
        let kept = Scatter {
            dots,
            ..self.clone()
        };
        let mut svg = kept.draw();
        svg.left_out((WIDTH - RIGHT, TOP + 10.0), "end", left);
        svg.finish()
    }

    fn draw(&self) -> Svg {
        let axes = Axes::new(
            self.dots
                .iter()
                .map(|d| d.x)
                .chain(self.centres.iter().map(|c| c.0)),
            self.dots
                .iter()
                .map(|d| d.y)
                .chain(self.centres.iter().map(|c| c.1)),
        );
        let height = HEIGHT + 18.0 * self.groups.len() as f64;
        let mut svg = Svg::new(WIDTH, height);
        axes.draw(&mut svg, &self.x_label, &self.y_label, &[]);
        for dot in &self.dots {
            let (x, y) = axes.at(dot.x, dot.y);
            let _ = write!(
                svg.0,
                "<circle class=\"dot\" data-group=\"{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\" \
                 fill=\"{}\" fill-opacity=\"0.75\"><title>{}</title></circle>",
                dot.group,
                colour(dot.group),
                escape(&dot.label)
            );
        }
        for (group, &(cx, cy)) in self.centres.iter().enumerate() {
            // A group without a centre (DBSCAN's noise) has none drawn; nor has one
            // that is not a number (counted by the caller).
            if !(cx.is_finite() && cy.is_finite()) {
                continue;
            }
            let (x, y) = axes.at(cx, cy);
            let name = self.groups.get(group).map_or("", String::as_str);
            let _ = write!(
                svg.0,
                "<path class=\"centre\" d=\"M{:.1} {:.1} l12 12 M{:.1} {:.1} l-12 12\" \
                 stroke=\"{INK}\" stroke-width=\"5\"/><path d=\"M{:.1} {:.1} l12 12 M{:.1} \
                 {:.1} l-12 12\" stroke=\"{}\" stroke-width=\"3\"><title>{}</title></path>",
                x - 6.0,
                y - 6.0,
                x + 6.0,
                y - 6.0,
                x - 6.0,
                y - 6.0,
                x + 6.0,
                y - 6.0,
                colour(group),
                escape(&format!("centre of {name}"))
            );
        }
        for (group, name) in self.groups.iter().enumerate() {
            let x = LEFT;
            let y = HEIGHT + 4.0 + 18.0 * group as f64;
            let _ = write!(
                svg.0,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/>",
                y - 9.0,
                colour(group)
            );
            svg.text((x + 14.0, y), "start", 11, INK, name);
        }
        svg
    }
}

/// A matrix of values as shaded cells, each labelled and titled.
#[derive(Debug, Clone)]
pub struct Heatmap {
    /// What the rows are.
    pub row_label: String,
    /// What the columns are.
    pub column_label: String,
    /// Each row's name.
    pub rows: Vec<String>,
    /// Each column's name.
    pub columns: Vec<String>,
    /// `values[row][column]`; one that is not a number is a blank cell, counted in the
    /// chart's note.
    pub values: Vec<Vec<f64>>,
    /// How a value is written in its cell.
    pub label: fn(f64) -> String,
}

impl Heatmap {
    /// The chart as SVG text. The row names get the room their longest needs; long
    /// column names are written slanted, so that neighbours do not overlap.
    pub fn svg(&self) -> String {
        const CELL: f64 = 30.0;
        // Roughly the width of a character of the 11-pixel labels.
        const CHAR: f64 = 6.2;
        let longest = |names: &[String]| names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let left = (longest(&self.rows) as f64 * CHAR + 14.0).clamp(70.0, 240.0);
        let columns = longest(&self.columns);
        let slanted = columns > 4;
        let top = if slanted {
            (columns as f64 * CHAR * std::f64::consts::FRAC_1_SQRT_2 + 36.0).clamp(70.0, 200.0)
        } else {
            70.0
        };
        let all = self.values.iter().map(Vec::len).sum::<usize>();
        let left_out = self
            .values
            .iter()
            .flatten()
            .filter(|v| !v.is_finite())
            .count();
        let width = left + CELL * self.columns.len() as f64 + 8.0 + if slanted { top } else { 0.0 };
        let height = top + CELL * self.rows.len() as f64 + 8.0;
        if left_out == all && all > 0 {
            return nothing_to_draw(width, height.max(top), all);
        }
        let (lo, hi) = extent(self.values.iter().flatten().copied()).unwrap_or((0.0, 1.0));
        let shade = Linear::new((lo, hi), (0.06, 1.0));
        let mut svg = Svg::new(width, height);
        svg.text(
            (left, 16.0),
            "start",
            12,
            INK,
            &format!("{} →", self.column_label),
        );
        svg.text(
            (4.0, top - 24.0),
            "start",
            12,
            INK,
            &format!("{} ↓", self.row_label),
        );
        for (c, name) in self.columns.iter().enumerate() {
            let x = left + c as f64 * CELL + CELL / 2.0;
            if slanted {
                let _ = write!(
                    svg.0,
                    "<text transform=\"translate({x:.1} {:.1}) rotate(-45)\" text-anchor=\"start\" \
                     font-size=\"11\" fill=\"{MUTED}\">{}</text>",
                    top - 6.0,
                    escape(name)
                );
            } else {
                svg.text((x, top - 6.0), "middle", 11, MUTED, name);
            }
        }
        for (r, name) in self.rows.iter().enumerate() {
            let y = top + r as f64 * CELL + CELL / 2.0 + 4.0;
            svg.text((left - 6.0, y), "end", 11, MUTED, name);
        }
        for (r, row) in self.values.iter().enumerate() {
            for (c, &value) in row.iter().enumerate() {
                let (x, y) = (left + c as f64 * CELL, top + r as f64 * CELL);
                let opacity = if value.is_finite() {
                    shade.at(value)
                } else {
                    0.0
                };
                let finite = value.is_finite();
                let label = if finite {
                    (self.label)(value)
                } else {
                    String::new()
                };
                let title = format!(
                    "{} {}, {} {}: {}",
                    self.row_label,
                    self.rows.get(r).map_or("", String::as_str),
                    self.column_label,
                    self.columns.get(c).map_or("", String::as_str),
                    if finite {
                        label.as_str()
                    } else {
                        "not a number"
                    }
                );
                let data = if finite {
                    value.to_string()
                } else {
                    String::new()
                };
                let _ = write!(
                    svg.0,
                    "<g class=\"cell\" data-row=\"{r}\" data-column=\"{c}\" data-value=\"{data}\">\
                     <rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{}\" height=\"{}\" fill=\"{}\" \
                     fill-opacity=\"{opacity:.3}\"/><title>{}</title>",
                    CELL - 1.0,
                    CELL - 1.0,
                    colour(0),
                    escape(&title)
                );
                let ink = if opacity > 0.55 { "#ffffff" } else { INK };
                svg.text(
                    (x + CELL / 2.0, y + CELL / 2.0 + 4.0),
                    "middle",
                    10,
                    ink,
                    &label,
                );
                svg.0.push_str("</g>");
            }
        }
        svg.left_out((4.0, 34.0), "start", left_out);
        svg.finish()
    }
}

/// Horizontal bars with their values, in the order given.
#[derive(Debug, Clone)]
pub struct Bars {
    /// Each bar's name and value.
    pub bars: Vec<(String, f64)>,
    /// How a value is written beside its bar.
    pub label: fn(f64) -> String,
}

impl Bars {
    /// The chart as SVG text.
    pub fn svg(&self) -> String {
        const ROW: f64 = 24.0;
        const NAMES: f64 = 170.0;
        const BAR: f64 = 300.0;
        let bars: Vec<&(String, f64)> = self.bars.iter().filter(|b| b.1.is_finite()).collect();
        let left = self.bars.len() - bars.len();
        let width = NAMES + BAR + 80.0;
        if bars.is_empty() && left > 0 {
            return nothing_to_draw(width, ROW * 3.0, left);
        }
        let highest = bars.iter().map(|b| b.1).fold(0.0_f64, f64::max);
        let scale = Linear::new((0.0, highest.max(f64::MIN_POSITIVE)), (0.0, BAR));
        let note = if left > 0 { ROW } else { 0.0 };
        let mut svg = Svg::new(width, ROW * bars.len() as f64 + 4.0 + note);
        for (i, (name, value)) in bars.into_iter().enumerate() {
            let y = i as f64 * ROW;
            let length = scale.at(value.max(0.0));
            let label = (self.label)(*value);
            let _ = write!(
                svg.0,
                "<g class=\"bar\" data-name=\"{}\" data-value=\"{value}\"><title>{}</title>\
                 <rect x=\"{NAMES}\" y=\"{:.1}\" width=\"{length:.1}\" height=\"{}\" \
                 fill=\"{}\"/>",
                escape(name),
                escape(&format!("{name}: {label}")),
                y + 4.0,
                ROW - 8.0,
                colour(0)
            );
            svg.text((NAMES - 6.0, y + 16.0), "end", 12, INK, name);
            svg.text((NAMES + length + 6.0, y + 16.0), "start", 11, MUTED, &label);
            svg.0.push_str("</g>");
        }
        let kept = self.bars.len() - left;
        svg.left_out((NAMES, kept as f64 * ROW + 16.0), "start", left);
        svg.finish()
    }
}

/// A directed link of a [`Network`].
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The node it leaves.
    pub from: usize,
    /// The node it points to.
    pub to: usize,
    /// Its strength (drawn as its width).
    pub weight: f64,
    /// Shown on hover.
    pub title: String,
}

/// Nodes on a circle joined by arrows: the strongest rules between items.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    /// Each node's name.
    pub nodes: Vec<String>,
    /// The links.
    pub links: Vec<Link>,
}

impl Network {
    /// The chart as SVG text. Nodes sit on a circle in the order given (a layout that is
    /// the same on every run and never overlaps two nodes).
    pub fn svg(&self) -> String {
        const SIZE: f64 = 560.0;
        let centre = SIZE / 2.0;
        let radius = SIZE / 2.0 - 110.0;
        let n = self.nodes.len().max(1) as f64;
        let place = |i: usize| {
            let angle = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
            (
                centre + radius * angle.cos(),
                centre + radius * angle.sin(),
                angle,
            )
        };
        let left = self.links.iter().filter(|l| !l.weight.is_finite()).count();
        if left == self.links.len() && left > 0 {
            return nothing_to_draw(SIZE, SIZE, left);
        }
        let (lo, hi) = extent(self.links.iter().map(|l| l.weight)).unwrap_or((0.0, 1.0));
        let width = Linear::new((lo, hi), (1.0, 5.0));
        let mut svg = Svg::new(SIZE, SIZE);
        svg.0.push_str(
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
             markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" \
             orient=\"auto-start-reverse\">\
             <path d=\"M0 0 L10 5 L0 10 z\" fill=\"#6b7280\"/></marker></defs>",
        );
        for link in &self.links {
            if link.from >= self.nodes.len()
                || link.to >= self.nodes.len()
                || !link.weight.is_finite()
            {
                continue;
            }
            let (x1, y1, _) = place(link.from);
            let (x2, y2, _) = place(link.to);
            // A curve bending to its right, so that the two directions between a pair
            // of nodes stay apart; it stops short of the node so the arrow head shows.
            let (dx, dy) = (x2 - x1, y2 - y1);
            let (cx, cy) = ((x1 + x2) / 2.0 - dy * 0.15, (y1 + y2) / 2.0 + dx * 0.15);
            let (ex, ey) = (x2 - cx, y2 - cy);
            let end = (ex * ex + ey * ey).sqrt().max(1.0);
            let (x2, y2) = (x2 - ex / end * 9.0, y2 - ey / end * 9.0);
            let _ = write!(
                svg.0,
                "<path class=\"link\" data-from=\"{}\" data-to=\"{}\" d=\"M{x1:.1} {y1:.1} \
                 Q{cx:.1} {cy:.1} {x2:.1} {y2:.1}\" fill=\"none\" stroke=\"{MUTED}\" \
                 stroke-opacity=\"0.6\" stroke-width=\"{:.2}\" marker-end=\"url(#arrow)\">\
                 <title>{}</title></path>",
                link.from,
                link.to,
                width.at(link.weight),
                escape(&link.title)
            );
        }
        for (i, name) in self.nodes.iter().enumerate() {
            let (x, y, angle) = place(i);
            let _ = write!(
                svg.0,
                "<circle class=\"node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7\" fill=\"{}\">\
                 <title>{}</title></circle>",
                colour(i),
                escape(name)
            );
            let (lx, ly) = (x + 14.0 * angle.cos(), y + 14.0 * angle.sin() + 4.0);
            let anchor = if angle.cos() > 0.2 {
                "start"
            } else if angle.cos() < -0.2 {
                "end"
            } else {
                "middle"
            };
            svg.text((lx, ly), anchor, 11, INK, name);
        }
        svg.left_out((8.0, SIZE - 8.0), "start", left);
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of attribute `name` in `svg`, in order.
    fn attributes<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
        let needle = format!(" {name}=\"");
        svg.match_indices(&needle)
            .map(|(at, _)| {
                let rest = &svg[at + needle.len()..];
                &rest[..rest.find('"').unwrap_or(0)]
            })
            .collect()
    }

    #[test]
    fn a_line_has_a_titled_dot_per_point_and_marks_one() {
        let chart = LineChart {
            x_label: "k".into(),
            y_label: "silhouette".into(),
            points: vec![(2.0, 0.5), (3.0, 0.62), (4.0, 0.4)],
            mark: Some(3.0),
            ..LineChart::default()
        };
        let svg = chart.svg();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(attributes(&svg, "data-x"), ["2", "3", "4"]);
        assert_eq!(attributes(&svg, "class"), ["dot", "dot marked", "dot"]);
        assert!(svg.contains("<title>k 3: silhouette 0.62</title>"));
        // Higher values are drawn higher up.
        let ys: Vec<f64> = attributes(&svg, "cy")
            .iter()
            .map(|y| y.parse().expect("a number"))
            .collect();
        assert!(ys[1] < ys[0] && ys[0] < ys[2], "{ys:?}");
    }

    #[test]
    fn further_lines_share_the_axes_and_are_named_in_a_legend() {
        let chart = LineChart {
            x_label: "false positive rate".into(),
            y_label: "true positive rate".into(),
            points: vec![(0.0, 0.0), (0.2, 0.7), (1.0, 1.0)],
            name: "Logistic regression".into(),
            others: vec![
                Series {
                    name: "Decision tree".into(),
                    points: vec![(0.0, 0.0), (0.4, 0.8), (1.0, 1.0)],
                    dashed: false,
                },
                Series {
                    name: "Chance".into(),
                    points: vec![(0.0, 0.0), (1.0, 1.0)],
                    dashed: true,
                },
            ],
            ..LineChart::default()
        };
        let svg = chart.svg();
        // Dots for the first two lines; the dashed reference line has none.
        assert_eq!(attributes(&svg, "data-x").len(), 6);
        assert_eq!(attributes(&svg, "stroke-dasharray"), ["5 4"]);
        for name in ["Logistic regression", "Decision tree", "Chance"] {
            assert!(
                svg.contains(&format!(">{name}</text>")),
                "{name} in the legend"
            );
        }
        assert!(svg.contains(
            "<title>Decision tree: false positive rate 0.4, true positive rate 0.8</title>"
        ));
    }

    #[test]
    fn named_x_values_replace_the_numbers() {
        let chart = LineChart {
            x_label: "month".into(),
            y_label: "lines".into(),
            points: vec![(0.0, 3.0), (1.0, 5.0)],
            x_names: vec!["2024-01".into(), "2024-02".into()],
            ..LineChart::default()
        };
        let svg = chart.svg();
        assert!(svg.contains(">2024-01</text>") && svg.contains(">2024-02</text>"));
        assert!(svg.contains("<title>month 2024-02: lines 5</title>"));
    }

    #[test]
    fn text_from_the_data_is_escaped() {
        let bars = Bars {
            bars: vec![("<script>&\"".into(), 2.0), ("tea".into(), 1.0)],
            label: |v| format!("{v}"),
        };
        let svg = bars.svg();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&amp;&quot;"));
        assert_eq!(attributes(&svg, "data-value"), ["2", "1"]);
        let widths: Vec<&str> = attributes(&svg, "width").into_iter().skip(2).collect();
        assert_eq!(widths, ["300.0", "150.0"], "bars are proportional");
    }

    #[test]
    fn a_scatter_colours_groups_and_draws_centres_and_a_legend() {
        let chart = Scatter {
            x_label: "PC1".into(),
            y_label: "PC2".into(),
            dots: vec![
                Dot {
                    x: 0.0,
                    y: 0.0,
                    group: 0,
                    label: "C1".into(),
                },
                Dot {
                    x: 1.0,
                    y: 1.0,
                    group: 1,
                    label: "C2".into(),
                },
            ],
            groups: vec!["Loyal".into(), "New".into()],
            centres: vec![(0.0, 0.0), (1.0, 1.0), (f64::NAN, f64::NAN)],
        };
        let svg = chart.svg();
        assert!(!svg.contains("NaN"), "a group without a centre draws none");
        assert_eq!(attributes(&svg, "data-group"), ["0", "1"]);
        assert!(svg.contains("<title>C2</title>") && svg.contains("<title>centre of New</title>"));
        assert!(svg.contains(">Loyal</text>"));
    }

    #[test]
    fn a_network_draws_nodes_and_arrows_between_them() {
        let chart = Network {
            nodes: vec!["coffee".into(), "croissant".into(), "tea".into()],
            links: vec![
                Link {
                    from: 0,
                    to: 1,
                    weight: 3.1,
                    title: "coffee → croissant".into(),
                },
                Link {
                    from: 2,
                    to: 9,
                    weight: 1.0,
                    title: "to nowhere".into(),
                },
            ],
        };
        let svg = chart.svg();
        assert_eq!(attributes(&svg, "class"), ["link", "node", "node", "node"]);
        assert_eq!(
            attributes(&svg, "data-to"),
            ["1"],
            "a link to no node is left out"
        );
        assert!(svg.contains("<title>coffee → croissant</title>"));
        assert!(svg.contains(">croissant</text>"));
    }

    #[test]
    fn a_heatmap_shades_cells_by_value() {
        let chart = Heatmap {
            row_label: "frequency".into(),
            column_label: "recency".into(),
            rows: vec!["0".into(), "1".into()],
            columns: vec!["0".into(), "1".into()],
            values: vec![vec![0.0, 1.0], vec![2.0, f64::NAN]],
            label: |v| {
                if v.is_finite() {
                    format!("{v:.1}")
                } else {
                    String::new()
                }
            },
        };
        let svg = chart.svg();
        assert_eq!(
            attributes(&svg, "fill-opacity"),
            ["0.060", "0.530", "1.000", "0.000"]
        );
        assert!(svg.contains("<title>frequency 1, recency 0: 2.0</title>"));
    }

    /// NaN, +inf and -inf.
    const BAD: [f64; 3] = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY];

    /// No value that is not a number reached the SVG, and the note says how many were
    /// left out.
    fn refuses(svg: &str, left: usize) {
        assert!(!svg.contains("NaN"), "NaN in {svg}");
        assert!(!svg.contains("inf"), "inf in {svg}");
        let note = left_out(left).expect("a note");
        assert!(svg.contains(&format!(">{note}</text>")), "no note in {svg}");
    }

    /// Every value not a number: the chart says so, and draws no marks.
    fn says_nothing_to_draw(svg: &str) {
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(svg.contains("Nothing to draw: all"), "{svg}");
        assert!(
            attributes(svg, "class").iter().all(|c| *c == "note"),
            "{svg}"
        );
    }

    #[test]
    fn a_line_leaves_out_values_that_are_not_numbers() {
        let mut points = vec![(1.0, 2.0), (2.0, 3.0)];
        points.extend(BAD.iter().map(|&v| (3.0, v)));
        let chart = LineChart {
            x_label: "x".into(),
            y_label: "y".into(),
            points,
            others: vec![Series {
                name: "other".into(),
                points: vec![(f64::INFINITY, 1.0), (1.0, 1.0)],
                dashed: false,
            }],
            ..LineChart::default()
        };
        let svg = chart.svg();
        refuses(&svg, 4);
        assert_eq!(attributes(&svg, "data-x"), ["1", "1", "2"]);
        let all_bad = LineChart {
            points: BAD.iter().map(|&v| (v, 1.0)).collect(),
            ..LineChart::default()
        };
        says_nothing_to_draw(&all_bad.svg());
    }

    #[test]
    fn a_scatter_leaves_out_values_that_are_not_numbers() {
        let dot = |x: f64, y: f64| Dot {
            x,
            y,
            group: 0,
            label: "c".into(),
        };
        let mut dots = vec![dot(0.0, 0.0), dot(1.0, 1.0)];
        dots.extend(BAD.iter().map(|&v| dot(v, 0.5)));
        let chart = Scatter {
            x_label: "PC1".into(),
            y_label: "PC2".into(),
            dots,
            groups: vec!["A".into(), "noise".into(), "B".into()],
            // A group without a centre is no value left out; an infinite centre is.
            centres: vec![(0.5, 0.5), (f64::NAN, f64::NAN), (f64::INFINITY, 0.0)],
        };
        let svg = chart.svg();
        refuses(&svg, 4);
        assert_eq!(attributes(&svg, "data-group").len(), 2);
        let all_bad = Scatter {
            dots: BAD.iter().map(|&v| dot(0.0, v)).collect(),
            ..Scatter::default()
        };
        says_nothing_to_draw(&all_bad.svg());
    }

    #[test]
    fn a_heatmap_leaves_blank_the_cells_that_are_not_numbers() {
        let chart = |values: Vec<Vec<f64>>| Heatmap {
            row_label: "recency".into(),
            column_label: "frequency".into(),
            rows: vec!["0".into(), "1".into()],
            columns: vec!["0".into(), "1".into()],
            values,
            label: |v| format!("{v:.1}"),
        };
        let svg = chart(vec![vec![1.0, BAD[0]], vec![BAD[1], BAD[2]]]).svg();
        refuses(&svg, 3);
        assert_eq!(attributes(&svg, "data-value"), ["1", "", "", ""]);
        assert!(svg.contains("<title>recency 0, frequency 1: not a number</title>"));
        says_nothing_to_draw(&chart(vec![BAD.to_vec()]).svg());
    }

    #[test]
    fn bars_leave_out_values_that_are_not_numbers() {
        let mut bars = vec![("tea".to_owned(), 2.0)];
        bars.extend(BAD.iter().map(|&v| ("odd".to_owned(), v)));
        let chart = Bars {
            bars,
            label: |v| format!("{v}"),
        };
        let svg = chart.svg();
        refuses(&svg, 3);
        assert_eq!(attributes(&svg, "data-value"), ["2"]);
        let all_bad = Bars {
            bars: BAD.iter().map(|&v| ("odd".to_owned(), v)).collect(),
            label: |v| format!("{v}"),
        };
        says_nothing_to_draw(&all_bad.svg());
    }

    #[test]
    fn a_network_leaves_out_links_whose_strength_is_not_a_number() {
        let link = |weight: f64| Link {
            from: 0,
            to: 1,
            weight,
            title: "coffee → tea".into(),
        };
        let mut links = vec![link(2.0), link(1.0)];
        links.extend(BAD.iter().map(|&v| link(v)));
        let chart = Network {
            nodes: vec!["coffee".into(), "tea".into()],
            links,
        };
        let svg = chart.svg();
        refuses(&svg, 3);
        assert_eq!(attributes(&svg, "data-to"), ["1", "1"]);
        let all_bad = Network {
            nodes: vec!["coffee".into(), "tea".into()],
            links: BAD.iter().map(|&v| link(v)).collect(),
        };
        says_nothing_to_draw(&all_bad.svg());
    }
}
