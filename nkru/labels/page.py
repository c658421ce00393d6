"""The words of the one-file HTML page (``nkru page``) that the other labels do not have.

Both languages in one place, because the page carries both and switches between them. Every
language has the same keys (a test checks). Words the CLI already has (tone and verdict names,
field labels, the title) come from ``nkru.labels.en`` and ``nkru.labels.vi``.
"""

from __future__ import annotations

from nkru.labels import labels_for

PAGE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "language": "Language",
        "intro": "{count} events, each citing its sources. Where a source gets something "
        "wrong, what the record shows is given beside it.",
        "selection": "This page holds only: {what}.",
        "search": "Search",
        "search_hint": "Names in any spelling or script (Putin, Путин, 김정은, Kim Nhật Thành); "
        "accents and case don’t matter.",
        "search_placeholder": "putin, treaty, Bình Nhưỡng…",
        "decade": "Decade",
        "person": "Person",
        "topic": "Topic",
        "tone": "Tone",
        "any_decade": "All",
        "anyone": "All",
        "any_topic": "All",
        "any_tone": "All",
        "clear": "Clear",
        "filters": "Search and filters",
        "results": "Events",
        "count_date": "{count} events, in date order.",
        "count_one_date": "1 event.",
        "count_best": "{count} events match, best match first.",
        "count_one_best": "1 event matches.",
        "count_some": "No event matches every word; {count} events match some of them, best "
        "match first.",
        "none": "No events match. Try fewer words, or clear the filters.",
        "preparing": "Preparing the search…",
        "showing": "Showing {shown} of {count}.",
        "show_more": "Show {more} more",
        "when": "When",
        "to_the_day": "to the day",
        "to_the_month": "to the month",
        "to_the_year": "to the year",
        "approximate": "approximate",
        "precision_span": "start {start}, end {end}",
        "their_words": "the sources’ words: {period}",
        "disputes": "What the sources get wrong",
        "claim_by": "Claimed by",
        "source_says": "What the source says",
        "record_shows": "What the record shows",
        "quote": "quote",
        "passage": "passage",
        "link": "link",
        "period": "{start} to {end}",
        "made_by": "Made with nkru {version}. Works offline: this one file holds every event "
        "and its sources.",
        "credit": "Search by MiniSearch {version}, © Luca Ongaro, MIT licence.",
        "noscript": "This page needs JavaScript to show the events.",
        "skip": "Skip to the events",
        "to_top": "Back to the search",
    },
    "vi": {
        "language_name": "Tiếng Việt",
        "language": "Ngôn ngữ",
        "intro": "{count} sự kiện, mỗi sự kiện đều dẫn nguồn. Chỗ nào một nguồn viết sai, "
        "những gì tư liệu cho thấy được ghi ngay bên cạnh.",
        "selection": "Trang này chỉ gồm: {what}.",
        "search": "Tìm kiếm",
        "search_hint": "Tên viết theo cách nào, hệ chữ nào cũng được (Putin, Путин, 김정은, Kim Nhật Thành); "
        "không phân biệt dấu và chữ hoa.",
        "search_placeholder": "putin, hiệp ước, Bình Nhưỡng…",
        "decade": "Thập niên",
        "person": "Nhân vật",
        "topic": "Chủ đề",
        "tone": "Chiều hướng",
        "any_decade": "Tất cả",
        "anyone": "Tất cả",
        "any_topic": "Tất cả",
        "any_tone": "Tất cả",
        "clear": "Xóa",
        "filters": "Tìm kiếm và bộ lọc",
        "results": "Sự kiện",
        "count_date": "{count} sự kiện, theo thứ tự thời gian.",
        "count_one_date": "1 sự kiện.",
        "count_best": "{count} sự kiện khớp, xếp từ khớp nhất trở xuống.",
        "count_one_best": "1 sự kiện khớp.",
        "count_some": "Không có sự kiện nào khớp với mọi từ; {count} sự kiện khớp với một số từ, "
        "xếp từ khớp nhất trở xuống.",
        "none": "Không có sự kiện nào khớp. Hãy thử bớt từ hoặc xóa bộ lọc.",
        "preparing": "Đang chuẩn bị tìm kiếm…",
        "showing": "Đang hiện {shown} trên {count}.",
        "show_more": "Xem thêm {more} sự kiện",
        "when": "Thời gian",
        "to_the_day": "chính xác đến ngày",
        "to_the_month": "chính xác đến tháng",
        "to_the_year": "chính xác đến năm",
        "approximate": "ước chừng",
        "precision_span": "bắt đầu {start}, kết thúc {end}",
        "their_words": "theo lời các nguồn: {period}",
        "disputes": "Những chỗ các nguồn viết sai",
        "claim_by": "Nguồn",
        "source_says": "Nguồn viết",
        "record_shows": "Tư liệu cho thấy",
        "quote": "trích dẫn",
        "passage": "đoạn văn",
        "link": "liên kết",
        "period": "{start} đến {end}",
        "made_by": "Tạo bằng nkru {version}. Dùng được khi không có mạng: một tệp này chứa mọi "
        "sự kiện và nguồn của chúng.",
        "credit": "Tìm kiếm bằng MiniSearch {version}, © Luca Ongaro, giấy phép MIT.",
        "noscript": "Trang này cần JavaScript để hiện các sự kiện.",
        "skip": "Chuyển đến danh sách sự kiện",
        "to_top": "Về ô tìm kiếm",
    },
}

#: Topic names as readers say them, from each language's labels (the store's topics are keys).
TOPIC_NAMES: dict[str, dict[str, str]] = {code: labels_for(code).topics for code in ("en", "vi")}
