//! Word lists the scorer matches against: class/id tokens, boilerplate phrases and stop words.
//!
//! All lists are lower case. Class/id tokens are matched against the words of an element's
//! `class` and `id` split at `-`, `_`, space and camel-case humps, so `related-posts`,
//! `relatedPosts` and `related_posts` all yield `related`.

/// Class/id words that suggest the element holds the article.
#[rustfmt::skip]
pub const POSITIVE_HINTS: &[&str] = &[
    "article", "articlebody", "body", "content", "entry", "hentry", "main", "post", "text", "blog",
    "story", "storycontent", "prose", "richtext", "bodytext", "artikel", "inhalt", "contenido",
    "contenu", "articolo", "paragraph",
];

/// Class/id words that suggest clutter. One signal among many: hashed class names carry none.
#[rustfmt::skip]
pub const NEGATIVE_HINTS: &[&str] = &[
    "ad", "ads", "advert", "advertisement", "adslot", "banner", "breadcrumb", "breadcrumbs",
    "combx", "comment", "comments", "communication", "community", "contact", "cookie", "cookies",
    "consent", "disqus", "footer", "footnote", "gdpr", "header", "menu", "masthead", "meta",
    "modal", "more", "nav", "navbar", "navigation", "newsletter", "outbrain", "pager",
    "pagination", "popup", "promo", "promotion", "recommended", "recommendations", "related",
    "replies", "reply", "rss", "share", "sharing", "shoutbox", "sidebar", "skyscraper", "social",
    "sponsor", "sponsored", "subscribe", "subscription", "taboola", "tags", "tag", "teaser",
    "teasers", "toolbar", "tools", "trending", "popular", "mostread", "widget", "signup", "login",
    "author-bio", "byline", "dateline", "audio", "player", "video", "playlist", "caption-credit",
    "print", "email", "follow", "rail", "aside", "overlay", "bio", "authorbio", "author", "autor",
    "authors", "about-author", "rating", "rate", "vote", "feedback", "disclosure", "disclaimer",
    "affiliate", "copyright",
];

/// Parts of class/id words that mark clutter even inside compounds (`commentlist`,
/// `relatedposts`, `sharebar`). Only long, unambiguous stems: `ad` would match `header`.
#[rustfmt::skip]
pub const NEGATIVE_STEMS: &[&str] = &[
    "comment", "related", "sidebar", "footer", "social", "promo", "sponsor", "newsletter",
    "cookie", "banner", "breadcrumb", "widget", "teaser", "popular", "trending", "recommend",
    "advert", "subscri", "disqus", "outbrain", "taboola", "navigation", "sharing", "share-",
    "shareb", "sharet", "masthead", "pagination", "toolbar", "signup", "newsfeed", "morestories",
    "authorbox", "author-box", "authorinfo", "rating", "paywall", "metadata", "actionbar",
];

/// Words that contain a negative stem but name content (`commentary` is an opinion piece).
#[rustfmt::skip]
pub const STEM_EXCEPTIONS: &[&str] = &["commentary", "commentaire", "kommentar"];

/// Class/id words that mark a photo/figure credit or caption: kept, but never scored as prose.
#[rustfmt::skip]
pub const CAPTION_HINTS: &[&str] = &[
    "caption", "figcaption", "credit", "wp-caption-text",
];

/// ARIA roles of landmark regions that are not the article.
#[rustfmt::skip]
pub const NEGATIVE_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar",
    "dialog", "alert", "alertdialog", "tablist", "button",
];

/// ARIA roles and schema.org item properties that mark the article itself.
#[rustfmt::skip]
pub const POSITIVE_ROLES: &[&str] = &[
    "main", "article",
];

#[rustfmt::skip]
pub const POSITIVE_ITEMPROPS: &[&str] = &[
    "articlebody", "text", "articletext", "reviewbody",
];

/// Phrases that open promo, widget and boilerplate lines, in several languages. A block whose
/// text starts with one of these (after trimming punctuation) is treated as clutter unless it is
/// long prose.
#[rustfmt::skip]
pub const BOILERPLATE_PREFIXES: &[&str] = &[
    "read more", "read next", "see also", "see more", "more from", "more on this", "more latest",
    "more stories", "more news", "latest news", "most read", "most popular", "most viewed",
    "trending", "recommended", "you might also like", "also read", "listen to this article",
    "loading audio", "watch:", "watch now", "video:", "advertisement", "sponsored", "sign up",
    "subscribe", "newsletter", "share this", "share on", "follow us", "click here", "tap here",
    "continue reading", "skip to", "jump to", "back to top", "copyright", "©",
    "all rights reserved", "cookie", "we use cookies", "this site uses cookies", "accept cookies",
    "privacy policy", "terms of use", "terms and conditions", "log in", "sign in", "register",
    "comments", "leave a comment", "leave a reply", "post a comment", "tags:", "filed under",
    "posted in", "categories:", "image:", "photo:", "picture:", "credit:", "getty images", "(ad)",
    "load more", "show more", "view all", "print this", "email this", "top stories", "don't miss",
    "editor's picks", "from our partners", "previous article", "next article", "previous post",
    "next post", "more:", "related", "lesen sie auch", "lesen sie mehr", "weiterlesen",
    "mehr zum thema", "mehr lesen", "auch interessant", "empfohlen", "anzeige", "werbung", "teilen",
    "kommentare", "kommentar schreiben", "impressum", "datenschutz", "zum newsletter",
    "artikel teilen", "mehr artikel", "themen:", "schlagworte", "schlagwörter", "verwandte artikel",
    "ähnliche artikel", "zur startseite", "nach oben", "hören sie", "artikel anhören", "foto:",
    "bild:", "quelle:", "lire aussi", "lire la suite", "à lire aussi", "a lire aussi", "voir aussi",
    "sur le même sujet", "publicité", "partager", "abonnez-vous", "inscrivez-vous", "commentaires",
    "mentions légales", "articles similaires", "les plus lus", "écouter cet article", "leer más",
    "lee también", "lea también", "ver más", "te puede interesar", "publicidad", "compartir",
    "suscríbete", "comentarios", "noticias relacionadas", "leia também", "leia mais", "veja também",
    "saiba mais", "publicidade", "compartilhe", "leggi anche", "leggi tutto",
    "potrebbe interessarti", "pubblicità", "condividi", "iscriviti", "articoli correlati",
    "lees ook", "lees meer", "lees verder", "gerelateerd", "advertentie", "delen", "läs också",
    "läs mer", "læs også", "læs mere", "les også", "czytaj też", "czytaj także", "czytaj więcej",
    "zobacz też", "zobacz także", "reklama", "читайте также", "читать далее", "подробнее",
    "реклама", "поделиться", "смотрите также", "siehe auch", "gefällt mir", "ähnliche beiträge",
    "schon gelesen", "über den autor", "über die autorin", "empfehlungen", "top themen",
    "jetzt anmelden", "möchten sie weiterlesen", "lust auf mehr", "teile diesen beitrag",
    "neueste beiträge", "letzte beiträge", "beliebte beiträge", "kategorien", "archiv",
    "zum artikel", "mehr erfahren", "jetzt lesen", "auch lesenswert", "war der artikel",
    "war dieser artikel", "wie bewerten sie", "möchten sie den artikel", "bitte geben sie",
    "sie könnten auch", "das könnte dich auch", "das könnte sie auch", "vervielfältigung nur mit",
    "beitragsbild", "alle artikel zu", "erstellt am", "der beitrag wurde am", "zum vergrößern",
    "bitte registrieren sie", "jetzt abonnieren", "jetzt testen", "alle rechte vorbehalten",
    "ist dieser beitrag hilfreich", "fotos:", "pour lire la suite", "qui êtes-vous",
    "vous aimerez aussi", "à voir aussi", "tous droits réservés", "puede escribirnos",
    "todos los derechos reservados", "tutti i diritti riservati", "about these ads",
    "about the author", "like this:", "popular posts", "recent posts", "latest posts",
    "you may also", "to view the full story", "already a subscriber", "get the latest",
    "stay up-to-date", "stay up to date", "join the", "further reading", "read the latest",
    "photo credit", "photograph by", "reproduction of material", "was this article helpful",
    "rate this", "did you find this", "by signing up", "you might be interested", "more articles",
    // Affiliate disclosures, appeals for support, calls to follow, reprint and copyright notes.
    "when you purchase through", "when you buy through", "we may earn a commission",
    "this post contains affiliate", "this post contains references",
    "this article contains affiliate", "this post may contain affiliate", "affiliate links",
    "für links auf dieser seite", "bei den verlinkungen handelt es sich", "provisionslinks",
    "we rely on your support", "support our journalism", "support independent journalism",
    "jede kleine spende", "jetzt spenden", "folgen sie uns", "folge uns", "síguenos en",
    "siguenos en", "seguici su", "suivez-nous", "never miss", "if you enjoyed", "if you liked this",
    "hat dir der artikel gefallen", "hat ihnen der artikel gefallen",
    "hat dir der beitrag gefallen", "this article is the copyrighted",
    "this article was originally published", "this story was originally published",
    "this article originally appeared", "this story originally appeared", "originally published",
    "dieser artikel erschien", "dieser beitrag erschien", "dieser text erschien",
    "materiał chroniony prawem", "we want to hear", "tell us what you think", "submit your letter",
    "sie sind nicht eingeloggt", "sie sind aktuell nicht eingeloggt", "you are not logged in",
    "we respect your privacy", "wir respektieren deine privatsphäre",
    "wir respektieren ihre privatsphäre",
    // Membership and app promotions, "more from us" headings, post footers.
    "hazte miembro", "werden sie mitglied", "unterstütze uns", "unterstützen sie uns",
    "gefällt dir unser", "gefällt ihnen unser", "first-time subscribers",
    "if you're seeing this message", "if you’re seeing this message", "join our",
    "for the latest stories", "download our app", "download the app", "descarga nuestra app",
    "únete a nuestro canal", "siga-nos", "assine a newsletter", "inscreva-se", "rezept drucken",
    "externer inhalt", "weitere beiträge", "neueste artikel", "notas relacionadas", "meistgelesen",
    "meist gelesen", "meist-diskutiert", "meistkommentiert", "verwandte beiträge",
    "vorschau auf den nächsten", "empfiehl dies", "was sind cookies", "this entry was posted",
    "dieser eintrag wurde",
    // Reading-time lines.
    "reading time", "lesezeit", "temps de lecture", "tiempo de lectura", "tempo de leitura",
    "tempo di lettura", "czas czytania",
];

/// Whole short lines that are clutter wherever they stand.
#[rustfmt::skip]
pub const BOILERPLATE_LINES: &[&str] = &[
    "share", "tweet", "email", "print", "facebook", "twitter", "linkedin", "whatsapp", "pinterest",
    "reddit", "menu", "search", "close", "home", "loading...", "loading", "advertisement", "ad",
    "more", "next", "previous", "prev", "top", "copy link", "copied", "listen", "play", "pause",
    "save", "bookmark", "follow", "reply", "like", "subscribe", "anzeige", "werbung", "teilen",
    "drucken", "partager", "imprimer", "compartir", "condividi", "publicidad", "comment",
    "comments", "x", "more latest news", "see more",
];

/// How a line that credits a picture or names its source begins ("Foto: ...", "© ...").
#[rustfmt::skip]
pub const CREDIT_LABELS: &[&str] = &[
    "foto:", "fotos:", "foto ©", "fot.", "fot:", "photo:", "photos:", "photo credit", "photograph:",
    "picture:", "image:", "images:", "image credit", "credit:", "credits:", "bild:", "bilder:",
    "bildquelle", "quelle:", "source:", "źródło:", "fuente:", "imagen:", "crédit", "bron:", "©",
    "(c) ", "copyright ", "kuva:", "zdjęcie:", "zdj.", "foto di", "photo by", "photograph by",
    "image by", "images by", "crédit photo", "crédits photo", "fotó:", "φωτογραφία:",
];

/// Words that may stand beside the date in a line that only says when the page was published
/// or changed ("Publiziert am 03.04.2020, 12:35 Uhr", "Updated: 9 Dec 2024"). A
/// line with any other word ("Termin: 29.02.2020", "Deadline 3 March") is article text.
#[rustfmt::skip]
pub const DATE_LINE_WORDS: &[&str] = &[
    "published", "updated", "posted", "modified", "edited", "last", "on", "at", "am", "pm", "asked",
    "answered", "publiziert", "veröffentlicht", "aktualisiert", "zuletzt", "stand", "um", "uhr",
    "publié", "mis", "à", "jour", "le", "publicado", "actualizado", "el", "pubblicato", "aggiornato",
    "il", "opublikowano", "gepubliceerd", "bijgewerkt", "op",
];

/// Characters that join a caption to its credit and leave with it ("… at dawn. | © dpa").
pub const CREDIT_JOINERS: &[char] = &['|', '/', '-', '–', '—', '·', '•', ','];

/// Class/id words of an element inside a caption that holds the picture's credit.
#[rustfmt::skip]
pub const CREDIT_CLASS_HINTS: &[&str] = &[
    "credit", "credits", "copyright", "photographer", "fotograf", "source", "quelle", "author",
    "courtesy",
];

/// Picture agencies and stock libraries: a short line naming one is a credit, not prose.
#[rustfmt::skip]
pub const PICTURE_AGENCIES: &[&str] = &[
    "getty images", "shutterstock", "istock", "clipdealer", "pixabay", "unsplash", "adobe stock",
    "fotolia", "imago images", "picture alliance", "picture-alliance", "depositphotos", "123rf",
    "dreamstime", "alamy", "ap photo", "epa-efe", "keystone", "reuters", "dpa", "afp",
    "thinkstock", "colourbox", "freepik", "pexels", "wikimedia commons",
    "ullstein bild",
];

/// Class/id words of a comment thread, whose authors are not the article's.
#[rustfmt::skip]
pub const COMMENT_HINTS: &[&str] = &[
    "comment", "comments", "commentlist", "kommentar", "kommentare", "commentaire",
    "commentaires", "comentario", "comentarios", "respond", "reply", "replies", "discussion",
];

/// Class/id words of an element holding the article's byline.
#[rustfmt::skip]
pub const BYLINE_HINTS: &[&str] = &["byline", "author", "authors", "autor", "auteur"];

/// Prefixes of a byline line ("By Jane Doe").
#[rustfmt::skip]
pub const BYLINE_PREFIXES: &[&str] = &[
    "by ", "posted by ", "written by ", "words by ", "reporting by ", "von ", "par ", "por ", "di ", "door ",
    "av ", "autor: ", "author: ", "autorin: ",
];

/// Common function words per language. A block of real prose is mostly made of these; a menu,
/// a headline list or a caption credit rarely is. Twenty to forty of the most frequent words
/// per language are enough for a density signal.
#[rustfmt::skip]
pub const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with",
            "from", "by", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it",
            "its", "this", "that", "these", "those", "as", "not", "he", "she", "they", "we", "you",
            "i", "his", "her", "their", "which", "who", "would", "will", "can", "said", "there",
            "about", "after", "into", "than", "so", "if", "also", "more", "one", "all", "when",
            "what",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "oder", "aber", "in", "im", "zu", "zum", "zur", "den",
            "dem", "des", "ein", "eine", "einen", "einem", "einer", "ist", "sind", "war", "wird",
            "werden", "hat", "haben", "nicht", "mit", "von", "auf", "für", "sich", "es", "er",
            "sie", "wir", "ich", "auch", "als", "an", "bei", "nach", "wie", "so", "dass", "noch",
            "aus", "nur", "man", "kann", "um", "über", "vor", "dieser", "diese", "mehr",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "de", "des", "du", "un", "une", "et", "ou", "mais", "à", "au",
            "aux", "en", "dans", "sur", "pour", "par", "avec", "est", "sont", "été", "a", "ont",
            "il", "elle", "ils", "nous", "vous", "je", "ce", "cette", "ces", "qui", "que", "qu",
            "ne", "pas", "plus", "se", "son", "sa", "ses", "leur", "comme", "d", "l", "y",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "del", "un", "una", "y", "o", "pero", "a", "al", "en",
            "con", "por", "para", "es", "son", "fue", "ha", "han", "se", "su", "sus", "que", "qué",
            "no", "lo", "como", "más", "este", "esta", "estos", "le", "les", "ya", "muy", "sin",
            "sobre", "entre", "también", "cuando", "hay",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "as", "de", "do", "da", "dos", "das", "um", "uma", "e", "ou", "mas",
            "em", "no", "na", "nos", "nas", "com", "por", "para", "é", "são", "foi", "tem", "se",
            "seu", "sua", "que", "não", "como", "mais", "este", "esta", "ao", "à", "pelo", "pela",
            "também", "ele", "ela", "eles",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "la", "i", "gli", "le", "di", "del", "della", "dei", "delle", "un", "una",
            "e", "o", "ma", "a", "al", "alla", "in", "nel", "nella", "con", "per", "su", "è",
            "sono", "ha", "hanno", "si", "che", "non", "come", "più", "questo", "questa", "da",
            "dal", "anche", "se", "ci",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "of", "maar", "van", "in", "op", "te", "voor", "met", "is",
            "zijn", "was", "werd", "wordt", "heeft", "hebben", "niet", "dat", "die", "dit", "deze",
            "er", "hij", "zij", "ze", "we", "ik", "ook", "als", "aan", "bij", "naar", "om", "door",
            "uit", "nog", "wel", "meer",
        ],
    ),
    (
        "sv",
        &[
            "och", "i", "att", "det", "som", "en", "ett", "på", "är", "av", "för", "med", "till",
            "den", "har", "de", "inte", "om", "ett", "var", "jag", "han", "hon", "vi", "men",
            "från", "kan", "så", "vid", "eller", "efter", "sig", "också",
        ],
    ),
    (
        "da",
        &[
            "og", "i", "at", "det", "som", "en", "et", "på", "er", "af", "for", "med", "til",
            "den", "har", "de", "ikke", "om", "var", "jeg", "han", "hun", "vi", "men", "fra",
            "kan", "så", "ved", "eller", "efter", "sig", "også",
        ],
    ),
    (
        "no",
        &[
            "og", "i", "å", "det", "som", "en", "et", "på", "er", "av", "for", "med", "til", "den",
            "har", "de", "ikke", "om", "var", "jeg", "han", "hun", "vi", "men", "fra", "kan", "så",
            "ved", "eller", "etter", "seg", "også",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "z", "na", "do", "się", "nie", "to", "że", "jest", "o", "a", "od", "po",
            "jak", "dla", "przez", "ale", "co", "jego", "jej", "są", "być", "był", "była", "tym",
            "ten", "ta", "oraz", "lub", "tak", "już", "może", "tego",
        ],
    ),
    (
        "ru",
        &[
            "и",
            "в",
            "во",
            "не",
            "на",
            "с",
            "со",
            "что",
            "по",
            "как",
            "а",
            "но",
            "к",
            "из",
            "у",
            "за",
            "от",
            "о",
            "это",
            "он",
            "она",
            "они",
            "мы",
            "я",
            "так",
            "же",
            "для",
            "был",
            "была",
            "были",
            "бы",
            "его",
            "ее",
            "её",
            "их",
            "только",
            "уже",
            "при",
            "или",
            "то",
        ],
    ),
    (
        "cs",
        &[
            "a", "v", "ve", "na", "se", "s", "z", "je", "to", "že", "do", "o", "k", "i", "pro",
            "jako", "by", "po", "ale", "jsou", "byl", "byla", "od", "za", "který", "která",
            "které", "jeho", "její", "tak", "také", "už", "nebo",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "en",
            "ama", "ya", "o", "ne", "her", "kadar", "sonra", "olan", "şey", "mi", "değil",
        ],
    ),
    (
        "fi",
        &[
            "ja", "on", "ei", "se", "että", "oli", "hän", "ovat", "kun", "mutta", "niin", "myös",
            "tai", "jo", "kuin", "sen", "ole", "mukaan", "vain", "sekä",
        ],
    ),
    (
        "hu",
        &[
            "a", "az", "és", "hogy", "nem", "is", "egy", "van", "meg", "de", "már", "csak", "ez",
            "mint", "ki", "el", "azt", "volt", "még", "vagy",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "tidak", "dalam",
            "akan", "pada", "juga", "adalah", "oleh", "ada", "atau", "kami", "mereka",
        ],
    ),
    (
        "ar",
        &[
            "في", "من", "على", "إلى", "ان", "أن", "التي", "الذي", "عن", "مع", "هذا", "هذه", "كان",
            "قد", "لا", "ما", "و", "أو", "ثم", "كما", "بعد", "بين", "عند", "هو", "هي",
        ],
    ),
    (
        "he",
        &[
            "של", "את", "על", "עם", "הוא", "היא", "לא", "זה", "כי", "גם", "אבל", "או", "אם", "כל",
            "היה", "הם", "אני", "יש", "מה", "אל", "בין", "אחרי",
        ],
    ),
];

/// Verbs of the "\[edit\]" control wiki software puts beside each section heading, in lower case.
/// A link inside a heading whose words open with one of these, and are all in
/// [`SECTION_EDIT_WORDS`], is a control, not part of the heading.
#[rustfmt::skip]
pub const SECTION_EDIT_VERBS: &[&str] = &[
    "edit", "bearbeiten", "modifier", "editar", "modifica", "bewerken", "edytuj", "redigera",
    "править", "редактировать", "редагувати", "編集", "编辑", "編輯", "편집", "עריכה", "עריכת",
    "عدل",
];

/// Every word such a control may hold: the verbs, and the words of "edit source" and its
/// translations (languages that write no spaces: the whole label).
#[rustfmt::skip]
pub const SECTION_EDIT_WORDS: &[&str] = &[
    "edit", "source", "bearbeiten", "quelltext", "modifier", "le", "code", "editar", "código",
    "modifica", "wikitesto", "bewerken", "brontekst", "edytuj", "kod", "źródłowy", "redigera",
    "wikitext", "править", "редактировать", "редагувати", "код", "編集", "ソースを編集", "编辑",
    "编辑源代码", "編輯", "編輯原始碼", "편집", "원본", "עריכה", "עריכת", "קוד", "מקור", "عدل",
    "المصدر",
];

/// Units of measure an ingredient line opens with after its amount ("1 cup", "200 g", "2 EL"),
/// in the languages of the boilerplate lists: a list whose items mostly open so is a recipe's
/// ingredients, never a group of teaser cards, however many of them are links. Entries in lower
/// case match in any case; the others only as written ("EL", not the Spanish article "El").
#[rustfmt::skip]
pub const QUANTITY_UNITS: &[&str] = &[
    "cup", "cups", "tsp", "tsps", "teaspoon", "teaspoons", "tbsp", "tbsps", "tablespoon",
    "tablespoons", "oz", "ounce", "ounces", "lb", "lbs", "pound", "pounds", "pint", "pints", "quart",
    "quarts", "pinch", "dash", "clove", "cloves", "can", "cans", "stick", "sticks", "g", "gr",
    "kg", "mg", "ml", "cl", "dl", "l", "EL", "TL", "prise", "msp", "stk", "stück", "bund",
    "päckchen", "pck", "becher", "zehe", "zehen", "tasse", "tassen", "cs", "cc", "càs", "càc",
    "cuillère", "cuillères", "pincée", "gousse", "gousses", "verre", "cucchiaio", "cucchiai",
    "cucchiaino", "cucchiaini", "spicchio", "spicchi", "pizzico", "bicchiere", "cucharada",
    "cucharadas", "cucharadita", "cucharaditas", "taza", "tazas", "diente", "dientes", "pizca",
    "eetlepel", "eetlepels", "theelepel", "theelepels", "snufje", "teentje", "teentjes",
    "colher", "colheres", "xícara", "xícaras", "dente", "dentes", "pitada",
];
