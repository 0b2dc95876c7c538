//! What to type next, for the library's errors: the library says what is wrong, and only the
//! command line knows its own commands and flags.

use glossary::Error;
use glossary::glossary::edit::EditError;
use glossary::glossary::import::ImportError;

/// The advice for the first library error in `err`'s chain that has one.
pub fn for_error(err: &anyhow::Error) -> Option<String> {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<Error>())
        .and_then(for_library_error)
}

fn for_library_error(err: &Error) -> Option<String> {
    Some(match err {
        Error::Locked { .. } => {
            "wait for it to finish, or leave out --no-wait to wait for it".to_string()
        }
        Error::NotBuilt { .. } => "run `glossary build` first".to_string(),
        Error::NotAGlossary { .. } | Error::Index { .. } => {
            "run `glossary build` again to write it anew".to_string()
        }
        Error::Edit(edit) => for_edit(edit),
        Error::Import(import) => for_import(import),
        _ => return None,
    })
}

fn for_import(err: &ImportError) -> String {
    match err {
        ImportError::UnknownFormat { .. } => {
            "save it as CSV or TSV with a header row (zh, en, …) and import that".to_string()
        }
        ImportError::UnmappedColumn { language, .. } => format!(
            "name the {language} column with --{}-column NAME",
            if *language == "Chinese" { "zh" } else { "en" }
        ),
        ImportError::NoSuchColumn { .. } => "give one of the header's names".to_string(),
        ImportError::NoSuchSheet { .. } => "give one of the sheets with --sheet".to_string(),
        ImportError::BadDecision { .. } => "write accept or reject, or leave it empty".to_string(),
        ImportError::BadStatus { .. } => {
            "correct the cell, or leave it empty for the default status".to_string()
        }
        _ => "see `glossary help import`".to_string(),
    }
}

fn for_edit(err: &EditError) -> String {
    match err {
        EditError::NotATerm { .. } => "give the Chinese term".to_string(),
        EditError::EmptyEnglish => "give the English term with --en".to_string(),
        EditError::AlreadyCurated { .. } => "use `glossary set` to change it".to_string(),
        EditError::Rejected { zh, en, .. } => {
            format!("accept it with glossary set {zh} --en {en:?} --status preferred")
        }
        EditError::PreferredTaken { .. } => {
            "add this one with --status admitted, or change that one with glossary set".to_string()
        }
        EditError::IdTaken { .. } => "choose another with --id".to_string(),
        EditError::NotCurated { zh, .. } => format!("add it with glossary add {zh} --en …"),
        EditError::NoSuchRow { .. } => "say which row with --row-en".to_string(),
        EditError::NoPreferredRow { .. } => "say which with --row-en".to_string(),
        EditError::NothingToChange => "give --en, --status, --note …".to_string(),
        EditError::RejectCurated { zh, .. } => {
            format!("to avoid a rendering use glossary set {zh} --status deprecated")
        }
        _ => "see `glossary help`".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_follows_the_library_error_through_context() {
        let err = anyhow::Error::from(Error::NotBuilt { folder: "g".into() })
            .context("looking up 上海精神");
        assert_eq!(
            for_error(&err).as_deref(),
            Some("run `glossary build` first")
        );
        let plain = anyhow::anyhow!("no library error here");
        assert_eq!(for_error(&plain), None);
    }
}
