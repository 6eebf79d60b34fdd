//! Many received files taken into one campaign in turn, in place: the files tab's «pick them all at
//! once» at the end of the year.

use super::{take_in_place, Bundle, Preview};
use crate::merge::Histories;
use crate::model::Campaign;
use crate::problem::Msg;

/// A campaign taking files in one after the other, each previewed on top of the ones before and
/// kept only when nothing in it is refused ([`super::preview_and_merge_into`] for each).
///
/// What it adds is knowing that the campaign's scores' histories are in normal form once a file
/// has been taken: after that, a file's merge normalizes only the histories it brings, and costs
/// what the file holds rather than what the bloc holds.
pub struct InPlace {
    campaign: Campaign,
    /// Every history of `campaign` is in normal form.
    normal: bool,
}

impl InPlace {
    pub fn new(campaign: Campaign) -> InPlace {
        InPlace { campaign, normal: false }
    }

    /// Previews `b` on top of the files taken before and keeps it when nothing is refused; a
    /// refused file leaves the campaign as it was. `Err` for a file of another campaign.
    pub fn take(&mut self, b: &Bundle, now_ms: u64) -> Result<Preview, Msg> {
        let h = if self.normal { Histories::Brought } else { Histories::All };
        let p = take_in_place(&mut self.campaign, b, now_ms, h)?;
        // A refused first file puts back the histories it touched as they were, normal or not;
        // once normal, a refused file puts back normal ones.
        self.normal = self.normal || p.refused.is_empty();
        Ok(p)
    }

    pub fn campaign(&self) -> &Campaign {
        &self.campaign
    }

    pub fn into_campaign(self) -> Campaign {
        self.campaign
    }
}
