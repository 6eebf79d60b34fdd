//! The open campaign: its current state as a signal, who this browser acts as, and the one way to
//! change it ([`Session::edit`]). Provided as context to every screen of a campaign.

use crate::device::Device;
use crate::lang::msg;
use crate::storage::{self, campaign_key, journal_key, Seen, StoreError};
use leptos::prelude::*;
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::stored::journal::Logged;
use thidua_core::Campaign;

/// A message shown in the campaign's banner.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Error(String),
    Info(String),
}

#[derive(Clone, Copy)]
pub struct Session {
    pub id: StoredValue<String>,
    pub campaign: RwSignal<Campaign>,
    pub actor: RwSignal<Option<Actor>>,
    pub notice: RwSignal<Option<Notice>>,
    /// Changes a moment ([`SETTLE`]) after the campaign last changed. What is costly to recompute
    /// over a whole campaign and need not follow every keystroke (counts of changes not sent, a
    /// bundle's checksum) tracks this and reads the campaign untracked: at 40 units × 300 criteria
    /// it would otherwise add tens of milliseconds to each answer typed.
    pub settled: RwSignal<u64>,
    /// The stored text `campaign` was read from or written as, plus `pending`.
    seen: StoredValue<Seen, LocalStorage>,
    /// Edits applied to `campaign` but not yet written (a large campaign only, for a moment: see
    /// [`DEFER_ABOVE`]), kept to be applied again should another writer change the stored
    /// campaign first.
    pending: StoredValue<Vec<Logged>>,
    flush_queued: StoredValue<bool>,
    /// The timer that rewrites the base once typing has paused ([`Session::compact_when_idle`]).
    compact_timer: StoredValue<Option<TimeoutHandle>>,
}

/// Above this size (UTF-16 units) a campaign's edits are written just after the next frame is
/// painted rather than before the edit returns: a 40-unit × 300-criterion campaign is megabytes of
/// JSON, and checking that it is still what is stored, then writing, should not delay the frame
/// that shows the answer. Smaller ones are written at once, as they always were.
const DEFER_ABOVE: u32 = 512 * 1024;

/// Above this size (UTF-16 units) the journal of edits is folded into a new base once typing has
/// paused for [`IDLE`]: the journal is rewritten on each edit and replayed on each read, so it is
/// kept small; the base rewrite (tens of milliseconds at 40 × 300) waits for a pause.
const COMPACT_ABOVE: u32 = 64 * 1024;

/// A journal this large is folded in at once, should typing never pause.
const COMPACT_NOW_ABOVE: u32 = 8 * COMPACT_ABOVE;

const IDLE: std::time::Duration = std::time::Duration::from_secs(2);

/// How long the campaign must stay unchanged before [`Session::settled`] moves.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

impl Session {
    pub fn new(c: Campaign) -> Session {
        let actor = Device::load().acting.get(&c.id).cloned();
        // The campaign page loads the campaign just before: it is what that read saw.
        let seen = storage::last_seen(&c.id);
        let s = Session {
            id: StoredValue::new(c.id.clone()),
            campaign: RwSignal::new(c),
            actor: RwSignal::new(actor),
            notice: RwSignal::new(None),
            settled: RwSignal::new(0),
            seen: StoredValue::new_local(seen),
            pending: StoredValue::new(Vec::new()),
            flush_queued: StoredValue::new(false),
            compact_timer: StoredValue::new(None),
        };
        s.follow_other_tabs();
        s.flush_before_leaving();
        s.settle();
        s
    }

    /// Moves `settled` once the campaign has stopped changing for [`SETTLE`].
    fn settle(&self) {
        let (campaign, settled) = (self.campaign, self.settled);
        let timer = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |prev: Option<()>| {
            campaign.track();
            if prev.is_none() {
                return;
            }
            if let Some(h) = timer.get_value() {
                h.clear();
            }
            let bump = move || {
                settled.try_update(|n| *n += 1);
            };
            timer.set_value(set_timeout_with_handle(bump, SETTLE).ok());
        });
        on_cleanup(move || {
            if let Some(h) = timer.try_get_value().flatten() {
                h.clear();
            }
        });
    }

    /// Applies an edit as the current actor. On refusal or a failed save nothing changes (neither
    /// the stored document nor what the screen shows) and the banner says why; a large campaign's
    /// save comes just after the screen shows the edit, and should it fail, the screen goes back.
    pub fn edit(&self, e: Edit) -> Result<(), String> {
        let Some(actor) = self.actor.get_untracked() else {
            let m = crate::lang::t("Hãy chọn đơn vị bạn làm việc thay mặt trước.", "Choose whom you act for first.");
            self.notice.set(Some(Notice::Error(m.into())));
            return Err(m.into());
        };
        let stamp = Device::stamp();
        // Edits apply to what is stored now: when another writer changed it, to theirs.
        if let Err(err) = self.catch_up() {
            return Err(self.failed(err));
        }
        let mut refused = None;
        self.campaign.try_maybe_update(|c| match apply(c, &actor, e.clone(), &stamp) {
            Ok(()) => (true, ()),
            Err(m) => {
                refused = Some(m);
                (false, ())
            }
        });
        if let Some(m) = refused {
            return Err(self.failed(StoreError::Refused(m)));
        }
        self.pending.update_value(|p| p.push(Logged { actor, edit: e, stamp }));
        if self.seen.with_value(Seen::size) > DEFER_ABOVE {
            self.flush_after_paint();
        } else if let Err(err) = self.flush() {
            return Err(self.failed(err));
        }
        if matches!(self.notice.get_untracked(), Some(Notice::Error(_))) {
            self.notice.set(None);
        }
        Ok(())
    }

    /// Replaces the campaign by what `make` gives from it (received files merged in), written
    /// before it is shown. Edits not written yet are written first; the stored copy is read again
    /// only when another writer changed it. On refusal or a failed write nothing changes.
    pub fn replace(&self, make: impl FnOnce(&Campaign) -> Result<Campaign, thidua_core::Msg>) -> Result<(), StoreError> {
        self.flush()?;
        self.catch_up()?;
        let mut next = self.campaign.with_untracked(make).map_err(StoreError::Refused)?;
        let seen = storage::write(&mut next)?;
        self.seen.set_value(seen);
        self.campaign.set(next);
        Ok(())
    }

    /// Shows why an edit or a write failed; answers the text shown.
    fn failed(&self, err: StoreError) -> String {
        let text = msg(&err.msg());
        self.notice.set(Some(Notice::Error(text.clone())));
        if matches!(err, StoreError::Refused(_)) && self.pending.with_value(Vec::is_empty) {
            // The screen may hold a value the rules refused: show the stored state again.
            if let Ok((c, seen)) = storage::read(&self.id.get_value()) {
                self.campaign.set(c);
                self.seen.set_value(seen);
            }
        }
        text
    }

    /// When what is stored is no longer what this page last read or wrote (another tab, a sync, a
    /// file imported), reads it and applies the edits not written yet again on top.
    fn catch_up(&self) -> Result<(), StoreError> {
        let id = self.id.get_value();
        if self.seen.with_value(|seen| storage::is_current(&id, seen))? {
            return Ok(());
        }
        let (mut c, seen) = storage::read(&id)?;
        // An edit the stored state now refuses (results locked meanwhile…) is dropped, as it would
        // have been refused had it come after.
        self.pending.update_value(|p| p.retain(|l| apply(&mut c, &l.actor, l.edit.clone(), &l.stamp).is_ok()));
        self.campaign.set(c);
        self.seen.set_value(seen);
        Ok(())
    }

    /// Writes the edits not written yet. On failure they are dropped and the screen shows the
    /// stored state again: the last good document stays, as with any failed write.
    fn flush(&self) -> Result<(), StoreError> {
        self.flush_queued.set_value(false);
        if self.pending.with_value(Vec::is_empty) {
            return Ok(());
        }
        let written = self.catch_up().and_then(|()| {
            let seen = self.seen.get_value();
            self.pending.with_value(|edits| self.campaign.update_untracked(|c| storage::append(c, &seen, edits)))
        });
        self.pending.set_value(Vec::new());
        match written {
            Ok(seen) => {
                let journal = seen.journal_size();
                self.seen.set_value(seen);
                if journal > COMPACT_NOW_ABOVE {
                    // The edits are written: should the base not be (storage full), the journal
                    // keeps them and is folded in later.
                    let _ = self.compact();
                } else if journal > COMPACT_ABOVE {
                    self.compact_when_idle();
                }
                Ok(())
            }
            Err(err) => {
                if let Ok((c, seen)) = storage::read(&self.id.get_value()) {
                    self.campaign.set(c);
                    self.seen.set_value(seen);
                }
                Err(err)
            }
        }
    }

    /// Folds the journal into a new base: the campaign written whole, as what is stored now.
    fn compact(&self) -> Result<(), StoreError> {
        self.cancel_compaction();
        self.catch_up()?;
        let seen = self.campaign.update_untracked(storage::write)?;
        self.seen.set_value(seen);
        Ok(())
    }

    fn cancel_compaction(&self) {
        if let Some(h) = self.compact_timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }

    /// [`Session::compact`] once no edit has come for [`IDLE`]; each edit starts the wait again.
    fn compact_when_idle(&self) {
        let this = *self;
        self.cancel_compaction();
        let later = set_timeout_with_handle(
            move || {
                let _ = this.compact_timer.try_set_value(None);
                // Edits not written yet are written first, and come back here.
                let busy = this.pending.try_with_value(|p| !p.is_empty()).unwrap_or(true);
                if !busy {
                    // Nothing is lost if this fails: the journal stays, and is tried again.
                    let _ = this.compact();
                }
            },
            IDLE,
        );
        self.compact_timer.set_value(later.ok());
    }

    /// Writes after the frame that shows the edit (a timer set from the next animation frame runs
    /// after its paint); several edits before then are written once.
    fn flush_after_paint(&self) {
        if self.flush_queued.get_value() {
            return;
        }
        self.flush_queued.set_value(true);
        let this = *self;
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if let Err(err) = this.flush() {
                        this.failed(err);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    }

    /// A page closed, hidden or left right after an edit still writes it.
    fn flush_before_leaving(&self) {
        let this = *self;
        let write = move || {
            // `try_`: on cleanup the session's values may already be gone.
            if this.pending.try_with_value(|p| !p.is_empty()).unwrap_or(false) {
                let _ = this.flush();
            }
            // A long journal waiting for a pause is folded in now: the page may not come back.
            if this.compact_timer.try_with_value(Option::is_some).unwrap_or(false) {
                let _ = this.compact();
            }
        };
        let hide = window_event_listener_untyped("pagehide", move |_| write());
        let visibility = window_event_listener_untyped("visibilitychange", move |_| write());
        on_cleanup(move || {
            hide.remove();
            visibility.remove();
            write();
        });
    }

    pub fn set_actor(&self, a: Option<Actor>) {
        let id = self.id.get_value();
        let _ = Device::update(|d| match &a {
            Some(a) => {
                d.acting.insert(id.clone(), a.clone());
            }
            None => {
                d.acting.remove(&id);
            }
        });
        self.actor.set(a);
    }

    pub fn is_leader(&self) -> bool {
        self.actor.get() == Some(Actor::Leader)
    }

    /// The unit this browser acts for, if it acts for a unit.
    pub fn acting_unit(&self) -> Option<String> {
        match self.actor.get() {
            Some(Actor::Unit(u)) => Some(u),
            _ => None,
        }
    }

    /// Another tab wrote this campaign: show its state here too.
    fn follow_other_tabs(&self) {
        let this = *self;
        let handle = window_event_listener_untyped("storage", move |ev| {
            let Ok(ev) = wasm_bindgen::JsCast::dyn_into::<web_sys::StorageEvent>(ev) else { return };
            let id = this.id.get_value();
            let key = ev.key();
            if key.as_deref() != Some(campaign_key(&id).as_str()) && key.as_deref() != Some(journal_key(&id).as_str()) {
                return;
            }
            if this.pending.with_value(|p| !p.is_empty()) {
                // Edits not written yet: applied again on theirs, then written.
                if let Err(err) = this.flush() {
                    this.failed(err);
                }
                return;
            }
            match storage::read(&id) {
                Ok((c, seen)) => {
                    this.campaign.set(c);
                    this.seen.set_value(seen);
                    this.notice.set(Some(Notice::Info(
                        crate::lang::t("Đã cập nhật thay đổi từ một thẻ khác.", "Updated with changes from another tab.").into(),
                    )));
                }
                Err(e) => this.notice.set(Some(Notice::Error(msg(&e.msg())))),
            }
        });
        on_cleanup(move || handle.remove());
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
