//! The bloc's member units and their roles.

use super::{stamp_is_unset, Field};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    TruongKhoi,
    PhoKhoi,
    ThanhVien,
}

impl Role {
    /// The spelling used in `units.csv`.
    pub fn code(self) -> &'static str {
        match self {
            Role::TruongKhoi => "truong_khoi",
            Role::PhoKhoi => "pho_khoi",
            Role::ThanhVien => "thanh_vien",
        }
    }

    pub fn from_code(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "truong_khoi" => Some(Role::TruongKhoi),
            "pho_khoi" => Some(Role::PhoKhoi),
            "thanh_vien" => Some(Role::ThanhVien),
            _ => None,
        }
    }

    pub fn vi(self) -> &'static str {
        match self {
            Role::TruongKhoi => "Trưởng khối",
            Role::PhoKhoi => "Phó khối",
            Role::ThanhVien => "Thành viên",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Role::TruongKhoi => "Bloc leader",
            Role::PhoKhoi => "Deputy leader",
            Role::ThanhVien => "Member",
        }
    }
}

/// A member unit. Its `code` is its id for the campaign's whole life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: String,
    /// Name, role and contact are the leader's to write.
    pub info: Field<UnitInfo>,
    /// A unit taken out of the bloc stays as a tombstone, so that a copy that still has it cannot
    /// bring it back by merging.
    #[serde(default, skip_serializing_if = "field_is_false")]
    pub removed: Field<bool>,
}

fn field_is_false(f: &Field<bool>) -> bool {
    // Skipped only when nothing is lost: a `seen` (a file can bring one) must be stored.
    !f.value && stamp_is_unset(&f.stamp) && f.seen.is_empty()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitInfo {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub email: String,
}
