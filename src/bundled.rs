//! The reference data, schemas and curation file the binary carries, so that `cnkp run` works
//! from any folder (`cargo install --path .` then `cnkp run --raw ~/articles --out ~/data`). The
//! files in the repository stay the source; `--reference`, `--schemas` and `--curation` override
//! them, and `cnkp init DIR` writes an editable copy for a curator's own project.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// Every file of `reference/`, as built into the binary (a test checks the list is complete).
pub static REFERENCE: &[(&str, &str)] = &[
    ("README.md", include_str!("../reference/README.md")),
    ("anaphora.csv", include_str!("../reference/anaphora.csv")),
    ("boilerplate.csv", include_str!("../reference/boilerplate.csv")),
    ("capitals.csv", include_str!("../reference/capitals.csv")),
    ("common_words.txt", include_str!("../reference/common_words.txt")),
    ("country_short.csv", include_str!("../reference/country_short.csv")),
    ("cues.csv", include_str!("../reference/cues.csv")),
    ("entities.csv", include_str!("../reference/entities.csv")),
    ("former_states.csv", include_str!("../reference/former_states.csv")),
    ("media.csv", include_str!("../reference/media.csv")),
    ("name_org_heads.csv", include_str!("../reference/name_org_heads.csv")),
    ("name_surnames.csv", include_str!("../reference/name_surnames.csv")),
    ("name_titles.csv", include_str!("../reference/name_titles.csv")),
    ("name_links.csv", include_str!("../reference/name_links.csv")),
    ("name_translit.csv", include_str!("../reference/name_translit.csv")),
    ("name_english.csv", include_str!("../reference/name_english.csv")),
    ("office_holders.md", include_str!("../reference/office_holders.md")),
    ("opencc_ts_characters.txt", include_str!("../reference/opencc_ts_characters.txt")),
    ("sanction_terms.csv", include_str!("../reference/sanction_terms.csv")),
    ("titles.csv", include_str!("../reference/titles.csv")),
    ("topics.csv", include_str!("../reference/topics.csv")),
    ("trade_terms.csv", include_str!("../reference/trade_terms.csv")),
    ("units.csv", include_str!("../reference/units.csv")),
    ("unnamed.csv", include_str!("../reference/unnamed.csv")),
    ("visit_terms.csv", include_str!("../reference/visit_terms.csv")),
];

/// Every Table Schema of `schemas/`.
pub static SCHEMAS: &[(&str, &str)] = &[
    ("documents.json", include_str!("../schemas/documents.json")),
    ("entities.json", include_str!("../schemas/entities.json")),
    ("mentions.json", include_str!("../schemas/mentions.json")),
    ("sanctions.json", include_str!("../schemas/sanctions.json")),
    ("statements.json", include_str!("../schemas/statements.json")),
    ("trade.json", include_str!("../schemas/trade.json")),
    ("visits.json", include_str!("../schemas/visits.json")),
];

/// `curation/overrides.csv` as shipped.
pub static CURATION: &str = include_str!("../curation/overrides.csv");

/// A set of named text files: a folder, or the copy built into the binary.
#[derive(Debug, Clone)]
pub enum Files {
    Dir(PathBuf),
    Bundled(&'static [(&'static str, &'static str)], &'static str),
}

impl Files {
    /// The reference data: `dir` when given, else the built-in copy.
    pub fn reference(dir: Option<&Path>) -> Files {
        dir.map(|d| Files::Dir(d.to_path_buf())).unwrap_or(Files::Bundled(REFERENCE, "reference (built in)"))
    }

    /// The Table Schemas: `dir` when given, else the built-in copy.
    pub fn schemas(dir: Option<&Path>) -> Files {
        dir.map(|d| Files::Dir(d.to_path_buf())).unwrap_or(Files::Bundled(SCHEMAS, "schemas (built in)"))
    }

    /// How a file is named in messages.
    pub fn label(&self, name: &str) -> String {
        match self {
            Files::Dir(d) => d.join(name).display().to_string(),
            Files::Bundled(_, l) => format!("{l}/{name}"),
        }
    }

    /// The text of a file.
    pub fn read(&self, name: &str) -> Result<String> {
        match self {
            Files::Dir(d) => std::fs::read_to_string(d.join(name)).with_context(|| format!("{}: cannot read", self.label(name))),
            Files::Bundled(files, _) => {
                files.iter().find(|(n, _)| *n == name).map(|(_, t)| t.to_string()).with_context(|| format!("{}: not built in", self.label(name)))
            }
        }
    }

    /// The file names, sorted.
    pub fn names(&self) -> Result<Vec<String>> {
        let mut v: Vec<String> = match self {
            Files::Dir(d) => std::fs::read_dir(d)
                .with_context(|| format!("{}: cannot list", d.display()))?
                .flatten()
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect(),
            Files::Bundled(files, _) => files.iter().map(|(n, _)| n.to_string()).collect(),
        };
        v.sort();
        Ok(v)
    }
}

/// Writes the built-in reference data, schemas and curation file into `dir` (`reference/`,
/// `schemas/`, `curation/overrides.csv`), refusing to overwrite existing files.
pub fn init(dir: &Path) -> Result<()> {
    for (sub, files) in [("reference", REFERENCE), ("schemas", SCHEMAS)] {
        let d = dir.join(sub);
        std::fs::create_dir_all(&d).with_context(|| format!("{}: cannot create", d.display()))?;
        for (name, text) in files {
            write_new(&d.join(name), text)?;
        }
    }
    let c = dir.join("curation");
    std::fs::create_dir_all(&c)?;
    write_new(&c.join("overrides.csv"), CURATION)
}

fn write_new(path: &Path, text: &str) -> Result<()> {
    if path.exists() {
        anyhow::bail!("{}: already exists (not overwritten)", path.display());
    }
    std::fs::write(path, text).with_context(|| format!("{}: cannot write", path.display()))
}
