//! Syncing with a `thidua serve` when online. The server is only one more copy to merge with: a sync
//! pushes this device's part as a bundle and applies the merged state the server answers with,
//! through the same core checks as a file. Losing the network, the server, or the answer halfway
//! loses nothing: the next sync sends the same state again and the merge ignores what it has.
//!
//! - `link`: what this browser remembers of a campaign's server (address, credential, version).
//! - `http`: the JSON requests.
//! - `engine`: one sync.
//! - `agent`: when to sync (at once, on `online`, every half minute, after edits), with backoff,
//!   and the status shown on every screen of the campaign.
//! - `publish` and `join`: the leader putting a campaign on a server, a unit joining with its code.

pub mod agent;
mod engine;
mod http;
pub mod join;
pub mod link;
pub mod publish;
