//! Problems found in what a person or a file gave us, said in Vietnamese first and English second,
//! and placed (file, row, column) so that the person can go and fix it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A message in both languages of the interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub vi: String,
    pub en: String,
}

impl Msg {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Msg { vi: vi.into(), en: en.into() }
    }
}

/// One problem, with where it is. Rows count as a spreadsheet shows them: the header is row 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub msg: Msg,
}

impl Problem {
    pub fn new(file: &str, row: Option<usize>, column: Option<&str>, msg: Msg) -> Self {
        Problem { file: file.to_string(), row, column: column.map(str::to_string), msg }
    }

    /// "template.csv, dòng 4, cột max: …"
    pub fn vi(&self) -> String {
        let mut s = self.file.clone();
        if let Some(r) = self.row {
            s.push_str(&format!(", dòng {r}"));
        }
        if let Some(c) = &self.column {
            s.push_str(&format!(", cột {c}"));
        }
        format!("{s}: {}", self.msg.vi)
    }

    /// "template.csv, row 4, column max: …"
    pub fn en(&self) -> String {
        let mut s = self.file.clone();
        if let Some(r) = self.row {
            s.push_str(&format!(", row {r}"));
        }
        if let Some(c) = &self.column {
            s.push_str(&format!(", column {c}"));
        }
        format!("{s}: {}", self.msg.en)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.vi(), self.msg.en)
    }
}

/// Every problem a file has; a file with any is refused whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, p: Problem) {
        self.0.push(p)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
