//! Thi đua in the browser: a bloc's whole year — setup, pledge, scorecard, self-assessment, review,
//! evaluation, handover — kept in this browser's storage and computed by `thidua-core`.

mod campaign_page;
mod charts;
mod conflicts;
mod device;
mod documents;
mod download;
mod excel;
mod exchange;
mod file_read;
mod home;
mod i18n;
mod import;
mod import_form;
mod import_page;
mod lang;
mod lazy;
mod new_campaign;
mod offline;
mod offline_status;
mod problem_list;
mod ranking_table;
mod route;
mod screens;
mod session;
mod shell;
mod standings;
mod storage;
mod storage_guard;
mod sync;

fn main() {
    leptos::mount::mount_to_body(shell::App);
}
