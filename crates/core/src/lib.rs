//! Thi đua's domain core: the campaign model, fixed-point points, scoring, ranking, award proposals
//! and the spreadsheet import. Pure Rust with no I/O, so the browser app, the server and the CLI all
//! compute exactly the same results.

pub mod answer;
pub mod awards;
pub mod bundle;
pub mod canonical;
pub mod edit;
pub mod handover;
pub mod history;
pub mod hlc;
pub mod import;
pub mod merge;
pub mod model;
pub mod points;
pub mod problem;
pub mod ranking;
pub mod results;
pub mod scorecard;
pub mod stage;
pub mod stored;
pub mod sync;
pub mod synthetic;
pub mod template_check;
pub mod untrusted;

pub use model::*;
pub use points::Points;
pub use problem::{Msg, Problem, Problems};
pub use ranking::{evaluate, Evaluation, Standing};
