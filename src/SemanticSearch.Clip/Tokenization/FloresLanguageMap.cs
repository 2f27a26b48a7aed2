using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SemanticSearch.Clip.Tokenization;

/// <summary>
/// BCP 47 language tags (what browsers and <c>lang=</c> send) to the FLORES-200 codes NLLB-based text towers expect
/// before the text. Covers the most spoken and most written languages; a tag is matched by its language subtag, with
/// the script or region choosing between Simplified and Traditional Chinese.
/// </summary>
public static partial class FloresLanguageMap
{
    /// <summary>English, the code used when a tag is missing or unknown.</summary>
    public const string English = "eng_Latn";

    private static readonly FrozenDictionary<string, string> ByLanguage = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = English, ["de"] = "deu_Latn", ["fr"] = "fra_Latn", ["es"] = "spa_Latn", ["pt"] = "por_Latn",
        ["it"] = "ita_Latn", ["nl"] = "nld_Latn", ["pl"] = "pol_Latn", ["ru"] = "rus_Cyrl", ["uk"] = "ukr_Cyrl",
        ["cs"] = "ces_Latn", ["sk"] = "slk_Latn", ["sl"] = "slv_Latn", ["hr"] = "hrv_Latn", ["sr"] = "srp_Cyrl",
        ["bs"] = "bos_Latn", ["bg"] = "bul_Cyrl", ["mk"] = "mkd_Cyrl", ["be"] = "bel_Cyrl", ["ro"] = "ron_Latn",
        ["hu"] = "hun_Latn", ["el"] = "ell_Grek", ["tr"] = "tur_Latn", ["ar"] = "arb_Arab", ["he"] = "heb_Hebr",
        ["iw"] = "heb_Hebr", ["fa"] = "pes_Arab", ["ur"] = "urd_Arab", ["ps"] = "pbt_Arab", ["hi"] = "hin_Deva",
        ["bn"] = "ben_Beng", ["pa"] = "pan_Guru", ["gu"] = "guj_Gujr", ["mr"] = "mar_Deva", ["ne"] = "npi_Deva",
        ["ta"] = "tam_Taml", ["te"] = "tel_Telu", ["kn"] = "kan_Knda", ["ml"] = "mal_Mlym", ["si"] = "sin_Sinh",
        ["th"] = "tha_Thai", ["lo"] = "lao_Laoo", ["km"] = "khm_Khmr", ["my"] = "mya_Mymr", ["vi"] = "vie_Latn",
        ["id"] = "ind_Latn", ["ms"] = "zsm_Latn", ["tl"] = "tgl_Latn", ["fil"] = "tgl_Latn", ["zh"] = "zho_Hans",
        ["yue"] = "yue_Hant", ["ja"] = "jpn_Jpan", ["ko"] = "kor_Hang", ["mn"] = "khk_Cyrl", ["sv"] = "swe_Latn",
        ["da"] = "dan_Latn", ["no"] = "nob_Latn", ["nb"] = "nob_Latn", ["nn"] = "nno_Latn", ["is"] = "isl_Latn",
        ["fi"] = "fin_Latn", ["et"] = "est_Latn", ["lv"] = "lvs_Latn", ["lt"] = "lit_Latn", ["ca"] = "cat_Latn",
        ["eu"] = "eus_Latn", ["gl"] = "glg_Latn", ["ga"] = "gle_Latn", ["cy"] = "cym_Latn", ["mt"] = "mlt_Latn",
        ["lb"] = "ltz_Latn", ["sq"] = "als_Latn", ["eo"] = "epo_Latn", ["ka"] = "kat_Geor", ["hy"] = "hye_Armn",
        ["az"] = "azj_Latn", ["kk"] = "kaz_Cyrl", ["uz"] = "uzn_Latn", ["ky"] = "kir_Cyrl", ["tg"] = "tgk_Cyrl",
        ["sw"] = "swh_Latn", ["am"] = "amh_Ethi", ["so"] = "som_Latn", ["ha"] = "hau_Latn", ["yo"] = "yor_Latn",
        ["ig"] = "ibo_Latn", ["zu"] = "zul_Latn", ["xh"] = "xho_Latn", ["af"] = "afr_Latn",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Number of languages the map knows.</summary>
    public static int Count => ByLanguage.Count;

    /// <summary>The FLORES-200 code of <paramref name="languageTag"/> (<c>de-CH</c> → <c>deu_Latn</c>,
    /// <c>zh-TW</c> → <c>zho_Hant</c>), or null when the tag is empty or its language is not in the map.</summary>
    public static string? Resolve(string? languageTag)
    {
        if (string.IsNullOrWhiteSpace(languageTag))
            return null;
        var parts = languageTag.Trim().Split('-', '_');
        if (!ByLanguage.TryGetValue(parts[0], out var code))
            return null;
        if (code == "zho_Hans" && parts.Skip(1).Any(p => p.Equals("Hant", StringComparison.OrdinalIgnoreCase)
                                                          || p.ToUpperInvariant() is "TW" or "HK" or "MO"))
            return "zho_Hant";
        return code;
    }

    /// <summary>True for strings shaped like a FLORES-200 code: three lowercase letters, underscore, a script.</summary>
    public static bool IsFloresCode(string? value) => value is not null && FloresCode().IsMatch(value);

    [GeneratedRegex(@"^[a-z]{3}_[A-Z][a-z]{3}\z")]
    private static partial Regex FloresCode();
}
