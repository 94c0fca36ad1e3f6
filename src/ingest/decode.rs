//! Recognising a file's text encoding and decoding it to UTF-8 as it streams past.
//!
//! In order: a byte-order mark decides; else UTF-16 without a mark is recognised by its
//! zero bytes; else the bytes are passed through while they are ASCII (which reads the
//! same in every encoding here), and at the first other byte, wherever it is in the
//! file, text that is valid UTF-8 is UTF-8, and otherwise `chardetng` (the detector
//! Firefox uses) guesses among legacy encodings, which is how GBK/GB18030 files from a
//! Chinese Excel and Windows-1252 files from a Western one are told apart.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};
use serde::{Deserialize, Serialize};

/// How the encoding was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// A byte-order mark.
    ByteOrderMark,
    /// The pattern of zero bytes of UTF-16 text.
    ZeroBytes,
    /// The bytes are valid UTF-8.
    ValidUtf8,
    /// A statistical guess from the bytes.
    Guessed,
    /// Every byte is ASCII, which reads the same in any of them.
    Ascii,
    /// The file is a workbook, whose text is Unicode whatever the computer's language.
    Workbook,
}

/// The encoding of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// Length of the byte-order mark to skip.
    pub bom_len: usize,
    /// How it was decided.
    pub evidence: Evidence,
}

/// How many bytes of the start of a file detection looks at.
pub const DETECT_BYTES: usize = 64 * 1024;

/// Decides the encoding from the start of a file; `complete` says whether `prefix` is
/// the whole file.
pub fn detect(prefix: &[u8], complete: bool) -> Detected {
    if let Some((encoding, bom_len)) = Encoding::for_bom(prefix) {
        return Detected {
            encoding,
            bom_len,
            evidence: Evidence::ByteOrderMark,
        };
    }
    let prefix = &prefix[..prefix.len().min(DETECT_BYTES)];
    let complete = complete && prefix.len() < DETECT_BYTES;
    if let Some(encoding) = utf16_by_zero_bytes(prefix) {
        return Detected {
            encoding,
            bom_len: 0,
            evidence: Evidence::ZeroBytes,
        };
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => {
            return Detected {
                encoding: UTF_8,
                bom_len: 0,
                evidence: Evidence::ValidUtf8,
            };
        }
        // Only cut off in the middle of a character at the end of an incomplete prefix.
        Err(error) if error.error_len().is_none() && !complete => {
            return Detected {
                encoding: UTF_8,
                bom_len: 0,
                evidence: Evidence::ValidUtf8,
            };
        }
        Err(_) => {}
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(prefix, complete);
    let encoding = supported(detector.guess(None, Utf8Detection::Allow));
    Detected {
        encoding,
        bom_len: 0,
        evidence: Evidence::Guessed,
    }
}

/// The encoding to decode a guess with. Guesses of another Latin-script single-byte
/// encoding are made on little evidence (a lone `£` reads as `Ł` in windows-1250) and
/// Western exports are Windows-1252, so those become Windows-1252; guesses of other
/// scripts (Cyrillic, Greek, CJK...) stand.
fn supported(guess: &'static Encoding) -> &'static Encoding {
    const LATIN: [&str; 11] = [
        "windows-1250",
        "windows-1254",
        "windows-1257",
        "windows-1258",
        "ISO-8859-2",
        "ISO-8859-3",
        "ISO-8859-4",
        "ISO-8859-10",
        "ISO-8859-13",
        "ISO-8859-15",
        "ISO-8859-16",
    ];
    if LATIN.contains(&guess.name()) {
        encoding_rs::WINDOWS_1252
    } else {
        guess
    }
}

/// UTF-16 text of mostly ASCII characters has a zero in every other byte.
fn utf16_by_zero_bytes(prefix: &[u8]) -> Option<&'static Encoding> {
    let pairs = prefix.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |offset: usize| {
        prefix
            .iter()
            .skip(offset)
            .step_by(2)
            .take(pairs)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |count: usize| count * 10 >= pairs * 4;
    let rarely = |count: usize| count * 20 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(UTF_16LE)
    } else if mostly(even) && rarely(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes a file to UTF-8 chunk by chunk, deciding its encoding on the way (see the
/// module documentation). Byte sequences that are not valid in the encoding become
/// U+FFFD and are counted.
#[derive(Default)]
pub struct Decoder {
    state: State,
    detected: Option<Detected>,
    malformed: u64,
}

#[derive(Default)]
enum State {
    /// Nothing read yet.
    #[default]
    Start,
    /// Only ASCII so far: passed through.
    Ascii,
    /// Decided.
    Decoding(encoding_rs::Decoder),
}

impl Decoder {
    /// A decoder that has read nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// The encoding and how it was decided; `None` while only ASCII was seen.
    pub fn detected(&self) -> Option<Detected> {
        self.detected
    }

    /// Whether the file is UTF-16 (whose text has zero bytes).
    pub fn is_utf16(&self) -> bool {
        self.detected
            .is_some_and(|d| d.encoding == UTF_16LE || d.encoding == UTF_16BE)
    }

    fn begin(&mut self, detected: Detected) {
        self.state = State::Decoding(detected.encoding.new_decoder_without_bom_handling());
        self.detected = Some(detected);
    }

    /// Decodes the next bytes of the file, appending UTF-8 to `out`. `last` marks the
    /// end of the file.
    pub fn decode(&mut self, mut input: &[u8], last: bool, out: &mut Vec<u8>) {
        if matches!(self.state, State::Start) {
            self.state = State::Ascii;
            let start = &input[..input.len().min(DETECT_BYTES)];
            if let Some((encoding, bom_len)) = Encoding::for_bom(input) {
                input = &input[bom_len..];
                self.begin(Detected {
                    encoding,
                    bom_len,
                    evidence: Evidence::ByteOrderMark,
                });
            } else if let Some(encoding) = utf16_by_zero_bytes(start) {
                self.begin(Detected {
                    encoding,
                    bom_len: 0,
                    evidence: Evidence::ZeroBytes,
                });
            }
        }
        if matches!(self.state, State::Ascii) {
            // `is_ascii` looks at a word at a time: most chunks are ASCII throughout.
            let ascii = if input.is_ascii() {
                input.len()
            } else {
                input
                    .iter()
                    .position(|b| !b.is_ascii())
                    .unwrap_or(input.len())
            };
            out.extend_from_slice(&input[..ascii]);
            input = &input[ascii..];
            if input.is_empty() {
                return;
            }
            // The first other byte: decide on the text from here.
            let window = &input[..input.len().min(DETECT_BYTES)];
            self.begin(detect(window, last && window.len() == input.len()));
        }
        let State::Decoding(decoder) = &mut self.state else {
            return;
        };
        loop {
            let needed = decoder
                .max_utf8_buffer_length_without_replacement(input.len())
                .unwrap_or(input.len() * 3 + 16);
            let start = out.len();
            out.resize(start + needed.max(4), 0);
            let (result, read, written) =
                decoder.decode_to_utf8_without_replacement(input, &mut out[start..], last);
            out.truncate(start + written);
            input = &input[read..];
            match result {
                DecoderResult::InputEmpty => return,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(_, _) => {
                    self.malformed += 1;
                    out.extend_from_slice("\u{FFFD}".as_bytes());
                }
            }
        }
    }

    /// How many malformed byte sequences were replaced so far.
    pub fn malformed(&self) -> u64 {
        self.malformed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], chunk: usize) -> (String, &'static str, Evidence, u64) {
        let mut decoder = Decoder::new();
        let mut out = Vec::new();
        let chunks: Vec<&[u8]> = bytes.chunks(chunk.max(1)).collect();
        for (i, piece) in chunks.iter().enumerate() {
            decoder.decode(piece, i + 1 == chunks.len(), &mut out);
        }
        let text = String::from_utf8(out).expect("decoder output is UTF-8");
        let ascii = Detected {
            encoding: UTF_8,
            bom_len: 0,
            evidence: Evidence::Ascii,
        };
        let detected = decoder.detected().unwrap_or(ascii);
        (
            text,
            detected.encoding.name(),
            detected.evidence,
            decoder.malformed(),
        )
    }

    const TEXT: &str = "客户,商品,金额\n张三,咖啡,¥12.50\nJosé,Crème brûlée,€3\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode_all(TEXT.as_bytes(), 5),
            (TEXT.into(), "UTF-8", Evidence::ValidUtf8, 0)
        );
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], TEXT.as_bytes()].concat();
        assert_eq!(
            decode_all(&with_bom, 7),
            (TEXT.into(), "UTF-8", Evidence::ByteOrderMark, 0)
        );
        assert_eq!(
            decode_all(b"a,b\n1,2\n", 3),
            ("a,b\n1,2\n".into(), "UTF-8", Evidence::Ascii, 0)
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le_bom = [&[0xFF, 0xFE][..], &le].concat();
        let be_bom = [&[0xFE, 0xFF][..], &be].concat();
        assert_eq!(
            decode_all(&le_bom, 3),
            (TEXT.into(), "UTF-16LE", Evidence::ByteOrderMark, 0)
        );
        assert_eq!(
            decode_all(&be_bom, 3),
            (TEXT.into(), "UTF-16BE", Evidence::ByteOrderMark, 0)
        );
        assert_eq!(
            decode_all(&le, 1 << 20),
            (TEXT.into(), "UTF-16LE", Evidence::ZeroBytes, 0)
        );
        assert_eq!(
            decode_all(&be, 1 << 20),
            (TEXT.into(), "UTF-16BE", Evidence::ZeroBytes, 0)
        );
    }

    #[test]
    fn gbk_from_a_chinese_excel() {
        let text = "客户编号,订单日期,商品名称,数量,金额\n".to_owned()
            + &"C001,2024年1月5日,精品咖啡豆,2,￥128.00\nC002,2024年1月6日,绿茶礼盒,1,￥88.50\n"
                .repeat(20);
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let (decoded, name, evidence, malformed) = decode_all(&bytes, 1000);
        assert_eq!((name, evidence, malformed), ("GBK", Evidence::Guessed, 0));
        assert_eq!(decoded, text);
        // GB18030 four-byte sequences decode too (the GBK decoder is the GB18030 one).
        let rare = "C003,𠀀,1\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(rare);
        let mut decoder = Decoder::new();
        decoder.begin(Detected {
            encoding: encoding_rs::GBK,
            bom_len: 0,
            evidence: Evidence::Guessed,
        });
        let mut out = Vec::new();
        decoder.decode(&bytes, true, &mut out);
        assert_eq!(String::from_utf8(out).expect("utf-8"), rare);
    }

    #[test]
    fn gbk_after_a_long_ascii_start_is_still_gbk() {
        // 70 KB of ASCII rows, then Chinese names: decided at the first Chinese byte.
        let text = "customer,date\n".to_owned()
            + &"C0001,2024-01-05\n".repeat(4200)
            + &"张三,2024-01-06\n李四,2024-01-07\n王五,2024-01-08\n".repeat(30);
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let (decoded, name, _, malformed) = decode_all(&bytes, 1 << 20);
        assert_eq!((name, malformed), ("GBK", 0));
        assert_eq!(decoded, text);
    }

    #[test]
    fn windows_1252_from_a_western_excel() {
        let text = "customer;product;price\n".to_owned()
            + &"Société Générale;Crème brûlée à la française;3,50 €\nMüller GmbH;Café noir;2,00 €\n".repeat(10);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let (decoded, name, evidence, _) = decode_all(&bytes, 64);
        assert_eq!((name, evidence), ("windows-1252", Evidence::Guessed));
        assert_eq!(decoded, text);
        // A lone pound sign is too little for chardetng; a Latin guess reads as 1252.
        let pounds = "customer,price\n".to_owned() + &"a,£12.50\n".repeat(300);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&pounds);
        assert_eq!(decode_all(&bytes, 1 << 20).0, pounds);
    }

    #[test]
    fn a_character_cut_by_a_chunk_boundary_survives() {
        let text = "名字\n".repeat(1000);
        for chunk in [1, 2, 3, 5, 7, 4096] {
            assert_eq!(decode_all(text.as_bytes(), chunk).0, text, "chunk {chunk}");
        }
        // An incomplete prefix that ends inside a character is still UTF-8.
        assert_eq!(detect(&text.as_bytes()[..4], false).encoding, UTF_8);
    }

    #[test]
    fn malformed_sequences_are_replaced_and_counted() {
        let mut bytes = "é,b\n".repeat(3000).into_bytes();
        bytes.extend_from_slice(b"x,\xff\xfe\n");
        let mut decoder = Decoder::new();
        let mut out = Vec::new();
        // The first chunk decides UTF-8; the bad bytes come later.
        decoder.decode(&bytes[..4096], false, &mut out);
        decoder.decode(&bytes[4096..], true, &mut out);
        assert_eq!(decoder.detected().map(|d| d.encoding), Some(UTF_8));
        assert_eq!(decoder.malformed(), 2);
        assert!(
            String::from_utf8(out)
                .expect("utf-8")
                .ends_with("x,\u{FFFD}\u{FFFD}\n")
        );
    }
}
