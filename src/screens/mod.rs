//! The campaign's screens, one per step of the year.

pub mod evaluation;
pub mod overview;
pub mod pledge;
pub mod review;
pub mod scorecard;
pub mod self_scoring;
pub mod setup;
