//! An organization's logo: PNG, JPEG or WebP by its magic bytes, never by what the upload
//! claims, and at most 512 KiB.

use crate::Invalid;

/// Largest accepted logo, in bytes (512 KiB).
pub const LOGO_MAX_BYTES: usize = 512 * 1024;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_MAGIC: &[u8] = b"\xFF\xD8\xFF";

/// The content type of a PNG, JPEG or WebP image from its magic bytes (`image/png`,
/// `image/jpeg`, `image/webp`); `None` for anything else. Shared with the charity receipts.
pub(crate) fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(PNG_MAGIC) {
        Some("image/png")
    } else if bytes.starts_with(JPEG_MAGIC) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The content type of a logo from its magic bytes: `image/png`, `image/jpeg` or `image/webp`.
///
/// Empty is [`Invalid::Required`]; any other type (SVG, GIF, …) [`Invalid::ImageUnsupported`];
/// more than [`LOGO_MAX_BYTES`] [`Invalid::ImageTooLarge`]. The declared content type and file
/// name are never trusted: serve the logo with the type returned here.
pub fn sniff_image(bytes: &[u8]) -> Result<&'static str, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::Required);
    }
    let content_type = image_type(bytes).ok_or(Invalid::ImageUnsupported)?;
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(Invalid::ImageTooLarge {
            max_kib: (LOGO_MAX_BYTES / 1024) as i64,
        });
    }
    Ok(content_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A complete 1×1 PNG (67 bytes).
    const PNG_1X1: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\
        \x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\
        \r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82";
    /// The start of a JFIF JPEG.
    const JPEG_JFIF: &[u8] =
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00";
    /// The start of an Exif JPEG (camera photo).
    const JPEG_EXIF: &[u8] = b"\xFF\xD8\xFF\xE1\x00\x16Exif\x00\x00";
    /// The start of a lossy WebP.
    const WEBP: &[u8] = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00";

    #[test]
    fn sniffs_supported_images() {
        assert_eq!(PNG_1X1.len(), 67);
        assert_eq!(sniff_image(PNG_1X1), Ok("image/png"));
        assert_eq!(sniff_image(JPEG_JFIF), Ok("image/jpeg"));
        assert_eq!(sniff_image(JPEG_EXIF), Ok("image/jpeg"));
        assert_eq!(sniff_image(WEBP), Ok("image/webp"));
    }

    #[test]
    fn refuses_other_files() {
        assert_eq!(sniff_image(b""), Err(Invalid::Required));
        for bad in [
            &b"GIF89a\x01\x00\x01\x00\x80\x00\x00"[..],
            b"GIF87a\x01\x00\x01\x00",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"<?xml version=\"1.0\"?><svg/>",
            b"%PDF-1.7\n",
            b"RIFF\x24\x00\x00\x00WAVEfmt ",
            b"RIFF\x24\x00\x00\x00WEB",
            b"\x89PNG\r\n\x1a",
            b"\xFF\xD8",
            b"BM\x3a\x00\x00\x00",
            b"<html><script>alert(1)</script>",
        ] {
            assert_eq!(sniff_image(bad), Err(Invalid::ImageUnsupported), "{bad:?}");
        }
    }

    #[test]
    fn refuses_large_images() {
        let mut big = PNG_1X1.to_vec();
        big.resize(LOGO_MAX_BYTES, 0);
        assert_eq!(sniff_image(&big), Ok("image/png"));
        big.push(0);
        assert_eq!(
            sniff_image(&big),
            Err(Invalid::ImageTooLarge { max_kib: 512 })
        );
        let mut gif = b"GIF89a".to_vec();
        gif.resize(LOGO_MAX_BYTES + 1, 0);
        assert_eq!(sniff_image(&gif), Err(Invalid::ImageUnsupported));
    }
}
