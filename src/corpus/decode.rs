//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030/GBK.
//!
//! GBK is not guessed blindly. A file that is not valid UTF-8 is given to `chardetng` (the
//! detector Firefox uses, from the author of `encoding_rs`), told that the text comes from a
//! Chinese source; only when it names GBK is the file decoded as GB18030 (a superset of GBK and
//! GB2312), and the decoding must then succeed without a single malformed sequence. Anything
//! else (Big5, Shift_JIS, a binary file) is refused with a message that says what it looks like
//! and how to convert it.

/// An encoding a document can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    /// UTF-8 without byte-order mark.
    #[default]
    #[serde(rename = "UTF-8")]
    Utf8,
    /// UTF-8 with byte-order mark.
    #[serde(rename = "UTF-8 (BOM)")]
    Utf8Bom,
    /// UTF-16, little-endian, with byte-order mark.
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16, big-endian, with byte-order mark.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    #[serde(rename = "GB18030")]
    Gb18030,
}

impl Encoding {
    /// The name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// Decoded text and the encoding it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without BOM.
    pub text: String,
    /// The encoding.
    pub encoding: Encoding,
}

/// Decodes a document's bytes, or says why it cannot be read as text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return decode_with_bom(encoding, &bytes[bom_len..]);
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(format!(
            "{what}, not a text document: give glossary .txt or .md files saved as UTF-8 text"
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: Encoding::Utf8,
        }),
        Err(err) => decode_legacy(bytes, err.valid_up_to()),
    }
}

fn decode_with_bom(
    encoding: &'static encoding_rs::Encoding,
    body: &[u8],
) -> Result<Decoded, String> {
    let name = if encoding == encoding_rs::UTF_8 {
        Encoding::Utf8Bom
    } else if encoding == encoding_rs::UTF_16LE {
        Encoding::Utf16Le
    } else {
        Encoding::Utf16Be
    };
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            encoding: name,
        }),
        None => Err(format!(
            "starts with a {} byte-order mark but is not valid {}: re-save it as UTF-8",
            name.name(),
            name.name()
        )),
    }
}

/// Non-UTF-8 bytes: GB18030 when the detector recognises GBK, a clear refusal otherwise.
fn decode_legacy(bytes: &[u8], valid_up_to: usize) -> Result<Decoded, String> {
    // The first KiB decides (about 500 Chinese characters; four suffice to tell GBK from
    // Big5): chardetng is slow on whole files, and the strict decoding below still checks
    // every byte.
    const DETECTION_PREFIX: usize = 1024;
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let prefix = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    // `last` only at the true end: a character cut at the prefix's end must not count against
    // the encoding it belongs to.
    detector.feed(prefix, prefix.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    let line = 1 + bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count();
    if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        return encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| Decoded {
                text: text.into_owned(),
                encoding: Encoding::Gb18030,
            })
            .ok_or_else(|| {
                format!(
                    "neither UTF-8 (invalid byte on line {line}) nor valid GB18030/GBK: \
                     re-save it as UTF-8"
                )
            });
    }
    let looks_like = if guess == encoding_rs::UTF_8 {
        String::new()
    } else {
        format!("; it looks like {}", guess.name())
    };
    Err(format!(
        "not valid UTF-8 (invalid byte on line {line}) and not GB18030/GBK{looks_like}: \
         convert it to UTF-8 (for example `iconv -f {} -t UTF-8`)",
        guess.name()
    ))
}

/// Recognises binary files: known signatures first (for a helpful message), then NUL bytes
/// or a high share of control bytes in the first 64 KiB.
fn binary_kind(bytes: &[u8]) -> Option<String> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive (such as .docx or .xlsx)"),
        (b"\xD0\xCF\x11\xE0", "a legacy Microsoft Office file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"{\\rtf", "an RTF document"),
    ];
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some((*what).to_string());
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return Some("a binary file (it contains NUL bytes)".to_string());
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    (control * 100 > head.len()).then(|| "a binary file (many control bytes)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "上海合作组织成员国元首理事会会议在杜尚别举行。各方高度评价“上海精神”，\
                          决心深化睦邻友好合作，共同打击“三股势力”，推动构建命运共同体。";

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode(SAMPLE.as_bytes()).unwrap().encoding, Encoding::Utf8);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
        let decoded = decode(&with_bom).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (SAMPLE, Encoding::Utf8Bom)
        );
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (SAMPLE, Encoding::Utf16Le)
        );
    }

    #[test]
    fn reads_gbk() {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(SAMPLE);
        assert!(!unmappable);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (SAMPLE, Encoding::Gb18030)
        );
    }

    #[test]
    fn reads_a_long_gbk_file_cut_anywhere_by_the_detection_prefix() {
        let long = SAMPLE.repeat(200);
        for skip in 0..3 {
            let text = format!("{}{long}", "。".repeat(skip));
            let (bytes, _, _) = encoding_rs::GBK.encode(&text);
            assert!(bytes.len() > 4096);
            assert_eq!(
                decode(&bytes).unwrap().encoding,
                Encoding::Gb18030,
                "offset {skip}"
            );
        }
    }

    #[test]
    fn refuses_big5_with_its_name() {
        let (bytes, _, _) = encoding_rs::BIG5.encode("上海合作組織成員國元首理事會會議在杜尚別舉行。各方高度評價上海精神，決心深化睦鄰友好合作。");
        let err = decode(&bytes).unwrap_err();
        assert!(err.contains("Big5"), "{err}");
    }

    #[test]
    fn refuses_binary_files() {
        assert!(decode(b"%PDF-1.7\n...").unwrap_err().contains("PDF"));
        assert!(decode(b"abc\0def").unwrap_err().contains("NUL"));
        assert!(
            decode(&[1u8, 2, 3, 4, 5, 6, 7, 8])
                .unwrap_err()
                .contains("control")
        );
    }
}
