//! Documents that leave the app: printed views (and spreadsheets) people sign, file and send.

pub mod print;
pub mod xlsx;
