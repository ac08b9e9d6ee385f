//! An expense's receipt (чек, накладная, акт): a PDF or a photo, known by its magic bytes,
//! never by what the upload claims.

use crate::Invalid;
use crate::org::image_type;
use crate::values::codes;

/// Largest accepted receipt, in bytes (10 MiB).
pub const RECEIPT_MAX_BYTES: usize = 10 * 1024 * 1024;

codes! {
    /// The kind of a receipt's file.
    pub enum ReceiptKind {
        /// A PDF document.
        Pdf = "pdf",
        /// A PNG image.
        Png = "png",
        /// A JPEG photo.
        Jpeg = "jpeg",
        /// A WebP image.
        Webp = "webp",
    }
}

impl ReceiptKind {
    /// The kind of a receipt from its first bytes: a PDF (`%PDF-`), a PNG, a JPEG or a WebP.
    ///
    /// Empty is [`Invalid::Required`]; anything else (an HTML page, a script, an archive)
    /// [`Invalid::ReceiptNotDocument`]; more than [`RECEIPT_MAX_BYTES`]
    /// [`Invalid::FileTooLarge`]. Serve the file with [`ReceiptKind::content_type`].
    pub fn sniff(bytes: &[u8]) -> Result<ReceiptKind, Invalid> {
        if bytes.is_empty() {
            return Err(Invalid::Required);
        }
        let kind = if bytes.starts_with(b"%PDF-") {
            ReceiptKind::Pdf
        } else {
            match image_type(bytes) {
                Some("image/png") => ReceiptKind::Png,
                Some("image/jpeg") => ReceiptKind::Jpeg,
                Some("image/webp") => ReceiptKind::Webp,
                _ => return Err(Invalid::ReceiptNotDocument),
            }
        };
        if bytes.len() > RECEIPT_MAX_BYTES {
            return Err(Invalid::FileTooLarge {
                max_kib: (RECEIPT_MAX_BYTES / 1024) as i64,
            });
        }
        Ok(kind)
    }

    /// The content type to serve the file with.
    pub fn content_type(self) -> &'static str {
        match self {
            ReceiptKind::Pdf => "application/pdf",
            ReceiptKind::Png => "image/png",
            ReceiptKind::Jpeg => "image/jpeg",
            ReceiptKind::Webp => "image/webp",
        }
    }

    /// The file name extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            ReceiptKind::Pdf => "pdf",
            ReceiptKind::Png => "png",
            ReceiptKind::Jpeg => "jpg",
            ReceiptKind::Webp => "webp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_photos() {
        for (bytes, kind, content_type) in [
            (
                &b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"[..],
                ReceiptKind::Pdf,
                "application/pdf",
            ),
            (b"%PDF-2.0\n", ReceiptKind::Pdf, "application/pdf"),
            (
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                ReceiptKind::Png,
                "image/png",
            ),
            (
                b"\xFF\xD8\xFF\xE1\x00\x16Exif\x00\x00",
                ReceiptKind::Jpeg,
                "image/jpeg",
            ),
            (
                b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00",
                ReceiptKind::Jpeg,
                "image/jpeg",
            ),
            (
                b"RIFF\x24\x00\x00\x00WEBPVP8 ",
                ReceiptKind::Webp,
                "image/webp",
            ),
        ] {
            assert_eq!(ReceiptKind::sniff(bytes), Ok(kind), "{bytes:?}");
            assert_eq!(kind.content_type(), content_type);
        }
        assert_eq!(ReceiptKind::Jpeg.extension(), "jpg");
        assert_eq!(ReceiptKind::Pdf.code(), "pdf");
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(ReceiptKind::sniff(b""), Err(Invalid::Required));
        for bad in [
            &b"<html><script>alert(1)</script>"[..],
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"GIF89a\x01\x00\x01\x00",
            b"PK\x03\x04\x14\x00\x06\x00",
            b"MZ\x90\x00",
            b"%PDF",
            b" %PDF-1.7",
            b"\xFF\xD8",
            b"RIFF\x24\x00\x00\x00WAVEfmt ",
            b"{\"receipt\": true}",
        ] {
            assert_eq!(
                ReceiptKind::sniff(bad),
                Err(Invalid::ReceiptNotDocument),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn large_files() {
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(RECEIPT_MAX_BYTES, b' ');
        assert_eq!(ReceiptKind::sniff(&big), Ok(ReceiptKind::Pdf));
        big.push(b' ');
        assert_eq!(
            ReceiptKind::sniff(&big),
            Err(Invalid::FileTooLarge { max_kib: 10240 })
        );
    }
}
