//! Recognising a file's text encoding and decoding it to UTF-8 as it streams past.
//!
//! In order: a byte-order mark decides; else UTF-16 without a mark is recognised by its
//! zero bytes; else text that is valid UTF-8 is UTF-8; else `chardetng` (the detector
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
    let encoding = detector.guess(None, Utf8Detection::Allow);
    Detected {
        encoding,
        bom_len: 0,
        evidence: Evidence::Guessed,
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

/// Decodes a file to UTF-8 chunk by chunk. Byte sequences that are not valid in the
/// encoding become U+FFFD and are counted.
pub struct Decoder {
    decoder: encoding_rs::Decoder,
    malformed: u64,
}

impl Decoder {
    /// A decoder for the detected encoding; the caller skips the byte-order mark.
    pub fn new(detected: &Detected) -> Self {
        Self {
            decoder: detected.encoding.new_decoder_without_bom_handling(),
            malformed: 0,
        }
    }

    /// Decodes `input`, appending UTF-8 to `out`. `last` marks the end of the file.
    pub fn decode(&mut self, mut input: &[u8], last: bool, out: &mut Vec<u8>) {
        loop {
            let needed = self
                .decoder
                .max_utf8_buffer_length_without_replacement(input.len())
                .unwrap_or(input.len() * 3 + 16);
            let start = out.len();
            out.resize(start + needed.max(4), 0);
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(input, &mut out[start..], last);
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
        let detected = detect(bytes, true);
        let mut decoder = Decoder::new(&detected);
        let mut out = Vec::new();
        let body = &bytes[detected.bom_len..];
        let chunks: Vec<&[u8]> = body.chunks(chunk.max(1)).collect();
        for (i, piece) in chunks.iter().enumerate() {
            decoder.decode(piece, i + 1 == chunks.len(), &mut out);
        }
        if chunks.is_empty() {
            decoder.decode(&[], true, &mut out);
        }
        let text = String::from_utf8(out).expect("decoder output is UTF-8");
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
            decode_all(&le, 4),
            (TEXT.into(), "UTF-16LE", Evidence::ZeroBytes, 0)
        );
        assert_eq!(
            decode_all(&be, 4),
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
        let mut decoder = Decoder::new(&Detected {
            encoding: encoding_rs::GBK,
            bom_len: 0,
            evidence: Evidence::Guessed,
        });
        let mut out = Vec::new();
        decoder.decode(&bytes, true, &mut out);
        assert_eq!(String::from_utf8(out).expect("utf-8"), rare);
    }

    #[test]
    fn windows_1252_from_a_western_excel() {
        let text = "customer;product;price\n".to_owned()
            + &"Société Générale;Crème brûlée à la française;3,50 €\nMüller GmbH;Café noir;2,00 €\n".repeat(10);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let (decoded, name, evidence, _) = decode_all(&bytes, 64);
        assert_eq!((name, evidence), ("windows-1252", Evidence::Guessed));
        assert_eq!(decoded, text);
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
        let mut bytes = "a,b\n".repeat(3000).into_bytes();
        bytes.extend_from_slice(b"x,\xff\xfe\n");
        // Detection sees valid UTF-8 in its window; decoding meets the bad bytes later.
        let detected = detect(&bytes[..4096], false);
        assert_eq!(detected.encoding, UTF_8);
        let mut decoder = Decoder::new(&detected);
        let mut out = Vec::new();
        decoder.decode(&bytes, true, &mut out);
        assert_eq!(decoder.malformed(), 2);
        assert!(
            String::from_utf8(out)
                .expect("utf-8")
                .ends_with("x,\u{FFFD}\u{FFFD}\n")
        );
    }
}
