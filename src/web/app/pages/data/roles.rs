//! Choosing what each column means, when the guess was wrong or impossible, and
//! loading the file again with that choice.

use super::report::type_name;
use crate::ingest::infer::ColumnType;
use crate::ingest::roles::{Mapping, Role};
use crate::web::app::store::{RolesFor, Store};
use leptos::prelude::*;

/// A role picker per column and a button to load the `target` file again with the
/// choice.
#[component]
pub fn RoleEditor(
    columns: Vec<(String, ColumnType)>,
    mapping: Mapping,
    target: RolesFor,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let initial = mapping.clone();
    let chosen = RwSignal::new(mapping);
    // One role per column and one column per role: choosing takes it from elsewhere.
    let choose = move |column: usize, role: Option<Role>| {
        chosen.update(|mapping| {
            mapping
                .columns
                .retain(|&(r, c)| c != column && Some(r) != role);
            if let Some(role) = role {
                mapping.columns.push((role, column));
                mapping.columns.sort();
            }
        });
    };
    let rows = columns
        .into_iter()
        .enumerate()
        .map(|(index, (name, column_type))| {
            let current = initial.role_of(index);
            let options = Role::ALL
                .into_iter()
                .map(|role| {
                    view! {
                        <option value=role.to_string() selected=current == Some(role)>
                            {role.to_string()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <td>{name.clone()}</td>
                    <td>{type_name(&column_type)}</td>
                    <td>
                        <select
                            data-testid=format!("role-{name}")
                            aria-label=format!("Role of {name}")
                            on:change=move |event| {
                                let value = event_target_value(&event);
                                let role = Role::ALL.into_iter().find(|r| r.to_string() == value);
                                choose(index, role);
                            }
                        >
                            <option value="" selected=current.is_none()>
                                "—"
                            </option>
                            {options}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="grid roles" data-testid="role-editor">
            <thead>
                <tr>
                    <th>"Column"</th>
                    <th>"Type"</th>
                    <th>"Role"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <button
            type="button"
            class="primary"
            data-testid="apply-roles"
            on:click=move |_| store.load_with_roles(chosen.get_untracked(), &target)
        >
            "Load again with these roles"
        </button>
    }
}
