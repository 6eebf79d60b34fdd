//! The scorecard (Bảng chấm điểm): sections holding criteria, each scored by its kind.

use crate::points::Points;
use serde::{Deserialize, Serialize};

/// The scorecard: sections in order, each holding its criteria in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Points add up, capped at the section's max.
    Section,
    /// Adds to the total, capped.
    Bonus,
    /// Subtracts from the total, capped.
    Penalty,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub code: String,
    pub title: String,
    pub kind: SectionKind,
    /// The section's cap.
    pub max: Points,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub code: String,
    pub title: String,
    pub max: Points,
    pub kind: CriterionKind,
}

/// How a criterion turns a unit's input into points (`formats/scorecard-csv.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CriterionKind {
    Points,
    YesNo,
    Levels { levels: Vec<Level> },
    Ratio { target: Points },
    PerItem { each: Points },
    DeductPerItem { each: Points },
    Veto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub label: String,
    pub points: Points,
}

impl Template {
    pub fn criteria(&self) -> impl Iterator<Item = (&Section, &Criterion)> {
        self.sections.iter().flat_map(|s| s.criteria.iter().map(move |c| (s, c)))
    }

    pub fn criterion_by_code(&self, code: &str) -> Option<&Criterion> {
        self.criteria().map(|(_, c)| c).find(|c| c.code == code)
    }
}
