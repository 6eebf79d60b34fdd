//! Thi đua in the browser: import a bloc's spreadsheets and rank its units.

mod app;
mod file_read;
mod i18n;
mod import;
mod import_form;
mod problem_list;
mod ranking_table;
mod standings;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
