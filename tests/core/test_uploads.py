"""Evidence files are judged by their content: a renamed program is refused, real files pass."""

import pytest

from core.uploads import UploadError, check_upload, check_uploads

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64


def test_the_type_comes_from_the_content_not_the_name(app):
    with app.test_request_context():
        assert check_upload("photo.jpg", PNG).content_type == "image/png"
        assert check_upload("receipt", PDF).content_type == "application/pdf"
        with pytest.raises(UploadError, match=r"receipt\.pdf is not a PDF"):
            check_upload("receipt.pdf", ELF)
        with pytest.raises(UploadError, match=r"notes\.pdf is not a PDF"):
            check_upload("notes.pdf", b"just some text, not a pdf at all")


def test_empty_large_and_too_many_files_are_refused(app):
    with app.test_request_context():
        with pytest.raises(UploadError, match="empty"):
            check_upload("a.png", b"")
        with pytest.raises(UploadError, match="larger than 10 MB"):
            check_upload("big.png", PNG + b"\x00" * (10 * 1024 * 1024))
        with pytest.raises(UploadError, match="At most 10 files"):
            check_uploads([(f"{n}.png", PNG) for n in range(11)])
        assert len(check_uploads([("a.png", PNG), ("", b"")])) == 1


def test_the_message_is_in_the_users_language(app):
    with (
        app.test_request_context(headers={"Accept-Language": "zh-CN"}),
        pytest.raises(UploadError, match="不是 PDF"),
    ):
        check_upload("x.pdf", ELF)
