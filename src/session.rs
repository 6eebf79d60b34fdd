//! The open campaign: its current state as a signal, who this browser acts as, and the one way to
//! change it ([`Session::edit`]). Provided as context to every screen of a campaign.

use crate::device::Device;
use crate::lang::msg;
use crate::storage::{self, campaign_key, StoreError};
use leptos::prelude::*;
use thidua_core::edit::{apply, Actor, Edit};
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
}

impl Session {
    pub fn new(c: Campaign) -> Session {
        let actor = Device::load().acting.get(&c.id).cloned();
        let s = Session {
            id: StoredValue::new(c.id.clone()),
            campaign: RwSignal::new(c),
            actor: RwSignal::new(actor),
            notice: RwSignal::new(None),
        };
        s.follow_other_tabs();
        s
    }

    /// Applies an edit as the current actor. On refusal or a failed save nothing changes (neither
    /// the stored document nor what the screen shows) and the banner says why.
    pub fn edit(&self, e: Edit) -> Result<(), String> {
        let Some(actor) = self.actor.get_untracked() else {
            let m = crate::lang::t("Hãy chọn đơn vị bạn làm việc thay mặt trước.", "Choose whom you act for first.");
            self.notice.set(Some(Notice::Error(m.into())));
            return Err(m.into());
        };
        let stamp = Device::stamp();
        let id = self.id.get_value();
        match storage::update(&id, |c| apply(c, &actor, e, &stamp)) {
            Ok(c) => {
                self.campaign.set(c);
                if matches!(self.notice.get_untracked(), Some(Notice::Error(_))) {
                    self.notice.set(None);
                }
                Ok(())
            }
            Err(err) => {
                let text = msg(&err.msg());
                self.notice.set(Some(Notice::Error(text.clone())));
                if matches!(err, StoreError::Refused(_)) {
                    // The screen may hold a value the rules refused: show the stored state again.
                    if let Ok(c) = storage::load(&id) {
                        self.campaign.set(c);
                    }
                }
                Err(text)
            }
        }
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
            if ev.key().as_deref() != Some(campaign_key(&id).as_str()) {
                return;
            }
            match storage::load(&id) {
                Ok(c) => {
                    this.campaign.set(c);
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
