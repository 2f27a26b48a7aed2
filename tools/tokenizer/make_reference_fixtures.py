#!/usr/bin/python3
"""Writes the tokenizer parity fixtures the C# tests read:

  tests/fixtures/tokenizer/reference_ids.json   texts with the ids reference_tokenizer.py gives them
  tests/fixtures/tokenizer/python_unicode.json  how Python sees every code point (whitespace, lower-casing, the
                                                pattern's letter/number classes, Final_Sigma's Cased/Case_Ignorable,
                                                NFC of single code points), so the C# rules are checked exhaustively

Run: /usr/bin/python3 tools/tokenizer/make_reference_fixtures.py   (apt: python3-regex)
"""

import json
import random
import sys
import unicodedata
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_tokenizer import ISSUE_EXAMPLES, ReferenceTokenizer, check_issue_examples, clean  # noqa: E402

OUT_DIR = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "tokenizer"

CAPTIONS = [
    "a photo of a cat", "A PHOTO OF A DOG", "don't stop believin'", "<|endoftext|> after", "",
    "a red circle on a white background", "two small blue stars", "three green triangles and a yellow heart",
    "a diagram of the solar system", "An oil painting of a lighthouse at sunset.", "a close-up photo of a bee",
    "The quick brown fox jumps over the lazy dog", "a black and white photo of New York City in 1950",
    "a screenshot of a video game", "sketch of a horse, pencil on paper", "a bowl of ramen 🍜",
    "selfie at the beach 🏖️ #summer #vacation", "@user check this out: https://example.com/a?b=c&d=e",
    "email me at someone@example.org", "state-of-the-art", "U.S.A.", "e.g. i.e. etc.", "C++ and C# and F#",
]

PUNCTUATION_AND_NUMBERS = [
    "hello, world!", "wait... what?!", "(parentheses) [brackets] {braces}", "~!@#$%^&*()_+`-={}|[]\\:\";'<>?,./",
    "3.14159", "1,000,000", "100%", "$100", "€50", "£7.99", "¥500", "50°C", "x²+y²=z²", "½ cup", "2024-01-31",
    "12:30pm", "+1 (555) 123-4567", "#1", "no. 42", "0", "007", "12345678901234567890", "٣٤٥", "๑๒๓", "１２３",
    "Ⅻ ⅻ Ⅳ", "①②③", "⁴²", "a/b\\c", "foo_bar_baz", "snake_case and camelCase and PascalCase", "…", "— – -",
    "«quoted» “curly” ‘single’", "¡hola! ¿qué?", "!!!", "???", "a-b-c", "--", "...", "'''", "\"\"",
]

CONTRACTIONS = [
    "it's", "IT'S", "we're", "they've", "I'm", "you'll", "he'd", "can't", "won't", "y'all", "o'clock",
    "rock 'n' roll", "it’s", "''s", "'''s", "'S", "'sss", "'tis", "'re'", "'ll'll", "'d've", "it'ſ", "'ſtop",
    "x's's", "'", "'m'", "the 90's",
]

ACCENTS_AND_SCRIPTS = [
    "naïve café résumé", "cafe\u0301 (decomposed)", "Ünïcödé", "Crème brûlée", "São Paulo", "Zürich", "Ångström",
    "Ærøskøbing", "Łódź", "Dvořák", "Straße", "STRASSE", "Maß", "ẞ", "İstanbul", "ISTANBUL", "ıi", "Iİıi",
    "ΟΔΟΣ", "ΟΔΟΣ ΚΑΛΟΣ", "ΣΟΦΟΣ.", "Σ", "ΑΣ", "ΣΑ", "ΑΣΑ", "Α.Σ", "ΑΣ'", "ΑΣ\u0308", "ΑΣ\u0308Α", "ͅΣ", "ᾼΣ",
    "Ὀδυσσεύς", "ΌΣΟΣ", "Ѐ Москва ЖЖ", "Привет, мир!", "Ελληνικά", "日本語のテキスト", "東京タワー", "中文字符测试",
    "한국어 텍스트", "ภาษาไทย", "हिन्दी भाषा", "বাংলা", "العربية", "עברית", "Ք Հայաստան", "ქართული", "አማርኛ",
    "ﬁne ﬂow", "Ａｂｃ ＡＢＣ", "ǅ ǈ ǋ", "ℌ ℍ ℎ", "Ω Ω K Å", "µ μ", "ſ ſt", "ꭰ Ꭰ", "𐐀𐐁 𐐨", "𝐀𝐁𝐂 𝒜", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "𠀀𠀁 𪜀", "𓀀𓀁", "a\u0345b", "\u0345", "ᾼ ᾳ", "ﬀ", "ŉ", "ǰ", "Ǳ ǲ ǳ", "ᏸ", "Ⓐⓑ", "🄰🅐", "ʰʲ",
]

EMOJI_AND_SYMBOLS = [
    "😀", "😀😃😄", "👍🏽", "👨‍👩‍👧‍👦", "🇺🇸🇩🇪", "❤️", "❤", "☃", "✓ ✗", "♥♦♣♠", "→ ← ↑ ↓", "∑∫√∞", "©®™",
    "I ❤️ NY", "fire🔥fire", "🐱cat", "cat🐱", "ℕ ℤ ℚ ℝ", "⌘⌥⇧", "🏳️‍🌈", "🧑🏿‍💻", "🤷‍♀️",
]

HTML = [
    "&amp;", "&amp;amp;", "&amp;amp;amp;", "&amp;amp;amp;amp;", "&lt;b&gt;bold&lt;/b&gt;", "&copy", "&copy;",
    "&copy2024", "&COPY;", "&Copy;", "&notin;", "&notit;", "&not", "&notin", "&#39;", "&#x27;", "&#8217;",
    "&#128512;", "&#x1F600;", "&#X1f600", "&#0;", "&#128;", "&#x80;", "&#x81;", "&#x9F;", "&#xD800;",
    "&#1114111;", "&#1114112;", "&#99999999999999999999;", "&#13;", "&#x7f;", "&#65534;", "&#xFDD0;", "&#1;",
    "&#9;tab", "&#12;", "&#x0A;", "&#65;&#66;&#67;", "&#65&#66", "&NotANamedEntity;", "&;", "&#;", "&#x;",
    "&#xyz;", "&amp", "&AMP", "&ampxyz;", "&Aacute", "&aacutex", "&Aacutex;", "& alone", "AT&T", "fish & chips",
    "&nbsp;", "a&nbsp;&nbsp;b", "&Tab;x&NewLine;y", "&zwj;", "&lt;|endoftext|&gt;", "&amp;lt;|endoftext|&amp;gt;",
    "&amp;lt;", "&quot;quoted&quot;", "&apos;s", "it&apos;s", "&#x27;s", "&hellip;", "&mdash;&ndash;",
    "&eacute;t&eacute;", "&Eacute;T&Eacute;", "&Sigma;&Omicron;&Sigma;", "&fjlig;", "&NotEqualTilde;",
    "&CounterClockwiseContourIntegral;", "&CounterClockwiseContourIntegral", "&ThickSpace;", "&&amp;", "&&&",
    "&" + "a" * 40 + ";", "&amp" + "x" * 40, "&#" + "9" * 40 + ";", "&lt&gt&amp", "&ltx", "&LT;", "&gt;;",
    "&#x110000;", "&#xFFFF;", "&#x10FFFE;", "&#x2028;a", "&#x3000;b", "&#x85;c", "&#x1c;d", "&#xAD;e",
    "&amp;#39;", "&amp;#x1F600;", "&amp;copy", "\u00a0&nbsp;\u00a0", "&ngE;", "&nGt;", "&bne;",
]

WHITESPACE = [
    "  leading and trailing  ", "tab\tseparated\tvalues", "new\nlines\n\n", "windows\r\nline\r\nends",
    "nbsp\u00a0here", "line\u2028separator", "para\u2029separator", "ideographic\u3000space", "next\u0085line",
    "info\u001cseps\u001dhere\u001eand\u001fthere", "vertical\u000btab", "form\u000cfeed", "ogham\u1680space",
    "em\u2003space", "thin\u2009space", "narrow\u202fnbsp", "math\u205fspace", "zero\u200bwidth",
    "mongolian\u180evowel", "bom\ufeffinside", "word\u00adhyphen", "   ", "\t\n\r\u00a0\u3000", "a  \t  b",
    "\u0085\u001c\u001f", " x ", "\u2028x\u2029",
]

CONTROL = ["nul\x00char", "bell\x07", "del\x7f", "esc\x1b[31mred", "\x01\x02\x03", "c1\x80\x9f"]

SPECIAL_TOKENS = [
    "<|startoftext|>hello<|endoftext|>", "<|ENDOFTEXT|>", "<|EndOfText|> shout", "<|endoftext|>x", "a<|endoftext|>",
    "!<|endoftext|>", "<|endoftext|><|endoftext|>", "<|ſtartoftext|>", "<|STARTOFTEXT|>", "<| endoftext |>",
    "<|endoftext", "endoftext|>", "<<|endoftext|>>", "x <|startoftext|> y", "a photo <|endoftext|> of a cat",
    "<|endoftext|>!", "'<|endoftext|>", "<|endoftext|>'s", "<|", "|>", "<>", "<|im_start|>",
]

LONG_WORD_TEXTS = [
    "pneumonoultramicroscopicsilicovolcanoconiosis", "supercalifragilisticexpialidocious",
    "Donaudampfschifffahrtsgesellschaftskapitän", "antidisestablishmentarianism", "hippopotomonstrosesquippedaliophobia",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababababab", "ééééééééééééééééééé",
    "😀" * 30, "!" * 200, "日本" * 40, "x" * 1000,
]


def long_texts():
    sentence = "a very long caption about a small red circle next to a large blue square on a green background"
    texts = [
        " ".join([sentence] * 4),
        "lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
        "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex "
        "ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat "
        "nulla pariatur.",
        " ".join(str(i) for i in range(100)),
        "🐱 " * 80,
    ]
    # Boundaries of the 77-id context: 74..78 words of one token each, plus start and end.
    for n in range(73, 79):
        texts.append(" ".join(["cat"] * n))
    # The boundary falling inside a multi-token word.
    texts.append(" ".join(["cat"] * 74) + " pneumonoultramicroscopicsilicovolcanoconiosis")
    return texts


def fuzz_texts(count=120, seed=20240131):
    rng = random.Random(seed)
    pieces = [
        "a", "b", "Z", "é", "e\u0301", "ß", "İ", "Σ", "σ", "ς", "ο", "Ο", "日", "本", "한", "😀", "👍🏽", "\u200d", "🇫🇷",
        "1", "2", "٣", "½", "'", "'s", "'S", "'ſ", "ſ", "&", "&amp;", "&amp", "&lt;", "&copy", "&#39;", "&#x1F600;",
        "&#128;", "&notit;", "<|endoftext|>", "<|startoftext|>", "<|", "|>", " ", "  ", "\t", "\n", "\u00a0",
        "\u2028", "\u3000", "\u0085", "\u001c", "\u001f", "\u200b", ".", ",", "!", "?", "-", "_", "/", "\\", "\"",
        "(", ")", "@", "#", "$", "%", "^", "*", "+", "=", "~", "`", "\u0345", "\u0308", "𝐀", "𐐀", "ﬁ", "Ａ", "Ⅻ",
        "cat", "DOG", "photo", "Photo", "of", "the",
    ]
    texts = []
    for _ in range(count):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 24))))
    return texts


def all_texts():
    groups = [CAPTIONS, PUNCTUATION_AND_NUMBERS, CONTRACTIONS, ACCENTS_AND_SCRIPTS, EMOJI_AND_SYMBOLS, HTML,
              WHITESPACE, CONTROL, SPECIAL_TOKENS, LONG_WORD_TEXTS, long_texts(), fuzz_texts()]
    seen, texts = set(), []
    for group in groups:
        for text in group:
            if text not in seen:
                seen.add(text)
                texts.append(text)
    return texts


def ranges(code_points):
    """Sorted code points as [first, last] inclusive ranges."""
    out = []
    for cp in code_points:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def unicode_tables():
    letter = regex.compile(r"[\p{L}]", regex.IGNORECASE)
    number = regex.compile(r"[\p{N}]", regex.IGNORECASE)
    other = regex.compile(r"[^\s\p{L}\p{N}]", regex.IGNORECASE)
    assigned, letters, numbers, others, unmatched, space = [], [], [], [], [], []
    ignorable, cased_not_ignorable = [], []
    lower, nfc = [], []
    for cp in range(0x110000):
        ch = chr(cp)
        category = unicodedata.category(ch)
        if category in ("Cn", "Cs"):
            continue
        assigned.append(cp)
        if ch.isspace():
            space.append(cp)
        if letter.fullmatch(ch):
            letters.append(cp)
        elif number.fullmatch(ch):
            numbers.append(cp)
        elif other.fullmatch(ch):
            others.append(cp)
        elif not ch.isspace():
            unmatched.append(cp)
        if ch.lower() != ch:
            lower.append([cp, ch.lower()])
        normalized = unicodedata.normalize("NFC", ch)
        if normalized != ch:
            nfc.append([cp, normalized])
        # Final_Sigma probes: "cΣ" ends in final sigma iff c is cased and not case-ignorable; "AcΣ" iff c is
        # case-ignorable or cased. Only those two facts matter to the rule.
        final1 = (ch + "Σ").lower()[-1] == "ς"
        final2 = ("A" + ch + "Σ").lower()[-1] == "ς"
        if final1:
            cased_not_ignorable.append(cp)
        elif final2:
            ignorable.append(cp)
    return {
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "note": "Assigned code points (not Cn/Cs) as Python and its regex module see them; generated by "
                "tools/tokenizer/make_reference_fixtures.py.",
        "assigned": ranges(assigned),
        "whitespace": ranges(space),
        "patternLetter": ranges(letters),
        "patternNumber": ranges(numbers),
        "patternOther": ranges(others),
        "patternUnmatched": ranges(unmatched),
        "caseIgnorable": ranges(ignorable),
        "casedNotIgnorable": ranges(cased_not_ignorable),
        "lower": lower,
        "nfc": nfc,
    }


def write_json_lines(path, header, items_key, items):
    """JSON with one item per line, so diffs of regenerated fixtures stay readable."""
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=True)},")
    lines.append(f"  {json.dumps(items_key)}: [")
    for i, item in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append("    " + json.dumps(item, ensure_ascii=True, separators=(", ", ": ")) + comma)
    lines.append("  ]")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def main():
    tokenizer = ReferenceTokenizer()
    assert len(tokenizer.vocabulary) == 49408
    check_issue_examples(tokenizer)

    texts = all_texts()
    for text, _ in ISSUE_EXAMPLES:
        assert text in texts
    cases = [
        {"text": t, "normalized": clean(t).lower(), "words": tokenizer.words(t), "ids": tokenizer.encode(t),
         "model": tokenizer.encode_for_model(t)}
        for t in texts
    ]
    assert any(len(c["ids"]) > 77 for c in cases)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_json_lines(
        OUT_DIR / "reference_ids.json",
        {
            "python": sys.version.split()[0],
            "unicode": unicodedata.unidata_version,
            "note": "ids from tools/tokenizer/reference_tokenizer.py (openai/CLIP simple_tokenizer semantics, ftfy "
                    "replaced by NFC); normalized = the cleaned, lower-cased text the pattern sees; words = what the pattern finds in it; model = encode_for_model "
                    "with context 77.",
        },
        "cases",
        cases,
    )

    tables = unicode_tables()
    header = {k: v for k, v in tables.items() if k not in ("lower", "nfc")}
    body = json.dumps(header, ensure_ascii=True, separators=(",", ":"))
    (OUT_DIR / "python_unicode.json").write_text(
        body[:-1] + ',"lower":' + json.dumps(tables["lower"], ensure_ascii=True, separators=(",", ":"))
        + ',"nfc":' + json.dumps(tables["nfc"], ensure_ascii=True, separators=(",", ":")) + "}\n",
        encoding="ascii",
    )
    print(f"{len(cases)} reference cases, {sum(len(c['ids']) for c in cases)} ids; "
          f"unicode {tables['unicode']}: {len(tables['lower'])} lower-case mappings, {len(tables['nfc'])} NFC changes")


if __name__ == "__main__":
    main()
