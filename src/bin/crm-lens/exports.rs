//! `crm-lens demo --platform NAME FOLDER`: a generated export of a platform's layout
//! (or of every layout, with `all`), written as the platform writes it.

use crm_lens::demo::exports::{Layout, SEED};
use std::fs;
use std::path::Path;

/// Writes the export of `name` (a layout's short name, or `all`) into `folder`.
pub fn write(folder: &Path, name: &str) -> Result<(), String> {
    let layouts: Vec<Layout> = if name.eq_ignore_ascii_case("all") {
        Layout::ALL.to_vec()
    } else if let Some(layout) = Layout::from_name(name) {
        vec![layout]
    } else {
        let known: Vec<&str> = Layout::ALL.iter().map(|l| l.name()).collect();
        return Err(format!(
            "no platform is called {name:?}; choose one of {} or all",
            known.join(", ")
        ));
    };
    let written = fs::create_dir_all(folder).and_then(|()| {
        layouts.iter().try_for_each(|layout| {
            let export = layout.generate(SEED);
            // Two layouts may share a file name; the layout's name keeps them apart.
            let file = format!("{}-{}", layout.name(), export.truth.file_name);
            fs::write(folder.join(file), &export.bytes)
        })
    });
    written.map_err(|error| format!("{}: cannot write the export: {error}", folder.display()))
}
