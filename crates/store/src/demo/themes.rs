//! What generated events are about: themes by activity type, with titles and descriptions
//! in Kazakh and Russian.

/// What an event is about, in the three languages.
pub(super) struct Theme {
    pub(super) activity: &'static str,
    pub(super) direction: Option<&'static str>,
    pub(super) kk: &'static str,
    pub(super) ru: &'static str,
    pub(super) en: &'static str,
    pub(super) skills: &'static [&'static str],
    /// May be held online.
    pub(super) online: bool,
    /// May be hazardous (closed to minors).
    pub(super) risky: bool,
}

pub(super) const fn theme(
    activity: &'static str,
    direction: Option<&'static str>,
    (kk, ru, en): (&'static str, &'static str, &'static str),
    skills: &'static [&'static str],
    online: bool,
    risky: bool,
) -> Theme {
    Theme {
        activity,
        direction,
        kk,
        ru,
        en,
        skills,
        online,
        risky,
    }
}

/// Relative frequency of the law's activity types among events.
pub(super) const ACTIVITY_WEIGHTS: &[(&str, u64)] = &[
    ("social_help", 20),
    ("social_services", 15),
    ("victims_help", 4),
    ("emergencies", 4),
    ("search_missing", 4),
    ("environment", 25),
    ("other_useful", 28),
];

pub(super) const THEMES: &[Theme] = &[
    // 1. Social help
    theme(
        "social_help",
        Some("qamqor"),
        (
            "Азық-түлік себеттерін жинау және тарату",
            "Сбор и раздача продуктовых наборов",
            "Food parcel collection and delivery",
        ),
        &["вождение"],
        false,
        false,
    ),
    theme(
        "social_help",
        Some("birlik"),
        (
            "Көп балалы отбасыларға киім жинау",
            "Сбор одежды для многодетных семей",
            "Clothes drive for large families",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "social_help",
        Some("umit"),
        (
            "Балалар үйінде сабаққа көмек",
            "Помощь детскому дому с уроками",
            "Homework help at a children's home",
        ),
        &["педагогика"],
        true,
        false,
    ),
    theme(
        "social_help",
        Some("umit"),
        (
            "Мектепке дайындық: оқу құралдарын жинау",
            "Собери ребёнка в школу",
            "Back-to-school supplies drive",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "social_help",
        Some("qamqor"),
        (
            "Қайырымдылық асханасында кезекшілік",
            "Дежурство в благотворительной столовой",
            "Charity canteen shift",
        ),
        &["кулинария"],
        false,
        false,
    ),
    // 2. Social services
    theme(
        "social_services",
        Some("sabaqtastyq"),
        (
            "Қарттарға үйге азық-түлік жеткізу",
            "Доставка продуктов пожилым на дом",
            "Grocery delivery for elderly people",
        ),
        &["вождение"],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("sabaqtastyq"),
        (
            "Қарттар үйіне бару: әңгіме және серуен",
            "Визит в дом престарелых: беседы и прогулки",
            "Care home visit: talks and walks",
        ),
        &["психология"],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("qamqor"),
        (
            "Мүгедектігі бар адамдарды сүйемелдеу",
            "Сопровождение людей с инвалидностью",
            "Accompanying people with disabilities",
        ),
        &["первая помощь"],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("qamqor"),
        (
            "Қолжетімді орта: пандустарды тексеру",
            "Доступная среда: проверка пандусов",
            "Accessibility audit of ramps",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("umit"),
        (
            "Жетім балалармен шығармашылық сабақ",
            "Творческое занятие с детьми-сиротами",
            "Art class with orphaned children",
        ),
        &["педагогика"],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("sabaqtastyq"),
        (
            "Жалғызбасты қарттардың ауласын тазалау",
            "Уборка двора у одиноких пенсионеров",
            "Yard clean-up for lonely pensioners",
        ),
        &[],
        false,
        false,
    ),
    // 3. Help to victims (adults only)
    theme(
        "victims_help",
        Some("qamqor"),
        (
            "Су тасқынынан зардап шеккендерге көмек",
            "Помощь пострадавшим от паводка",
            "Flood relief",
        ),
        &["первая помощь"],
        false,
        true,
    ),
    theme(
        "victims_help",
        Some("qamqor"),
        (
            "Гуманитарлық көмек қоймасында сұрыптау",
            "Сортировка на складе гуманитарной помощи",
            "Sorting at a humanitarian aid warehouse",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "victims_help",
        Some("birlik"),
        (
            "Босқындарға аударма және кеңес",
            "Перевод и консультации для беженцев",
            "Translation and advice for refugees",
        ),
        &["ағылшын тілі"],
        true,
        false,
    ),
    theme(
        "victims_help",
        Some("qamqor"),
        (
            "Өрттен зардап шеккен отбасыларға көмек",
            "Помощь семьям, пострадавшим от пожара",
            "Help for families affected by a fire",
        ),
        &[],
        false,
        true,
    ),
    // 4. Emergencies (adults only)
    theme(
        "emergencies",
        None,
        (
            "Су тасқынына дайындық: қап толтыру",
            "Подготовка к паводку: заполнение мешков",
            "Flood preparation: filling sandbags",
        ),
        &[],
        false,
        true,
    ),
    theme(
        "emergencies",
        None,
        (
            "Өрт қауіпсіздігі рейді",
            "Рейд по пожарной безопасности",
            "Fire safety patrol",
        ),
        &[],
        false,
        true,
    ),
    theme(
        "emergencies",
        None,
        (
            "Құтқарушыларға көмек: оқу-жаттығу",
            "Помощь спасателям: учения",
            "Assisting rescuers: drill",
        ),
        &["первая помощь"],
        false,
        true,
    ),
    theme(
        "emergencies",
        None,
        (
            "Өзен жағасын нығайту",
            "Укрепление берегов реки",
            "Riverbank reinforcement",
        ),
        &["вождение"],
        false,
        true,
    ),
    // 5. Search for missing people
    theme(
        "search_missing",
        None,
        (
            "Жоғалған адамды іздеу: орманды тексеру",
            "Поиск пропавшего: прочёсывание леса",
            "Missing person search: forest sweep",
        ),
        &["первая помощь"],
        false,
        true,
    ),
    theme(
        "search_missing",
        None,
        (
            "Іздеу отрядының оқу-жаттығуы",
            "Учебные сборы поискового отряда",
            "Search team training",
        ),
        &["первая помощь"],
        false,
        true,
    ),
    theme(
        "search_missing",
        None,
        (
            "Жоғалған адамдар туралы парақшалар тарату",
            "Расклейка ориентировок о пропавших",
            "Missing-person flyers",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "search_missing",
        None,
        (
            "Іздеу штабында кезекшілік",
            "Дежурство в штабе поиска",
            "Duty at the search headquarters",
        ),
        &["it"],
        true,
        false,
    ),
    // 6. Environment
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Саябақтағы сенбілік",
            "Субботник в парке",
            "Park clean-up day",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Ағаш отырғызу акциясы",
            "Акция по посадке деревьев",
            "Tree planting",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Өзен жағасын тазалау",
            "Очистка берега реки",
            "Riverbank clean-up",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Қалдықтарды бөлек жинау акциясы",
            "Акция по раздельному сбору отходов",
            "Recycling drive",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Жануарлар баспанасына көмек",
            "Помощь приюту для животных",
            "Animal shelter help",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Таза тау: соқпақты тазалау",
            "Чистые горы: уборка тропы",
            "Clean mountains: trail clean-up",
        ),
        &["спорт"],
        false,
        true,
    ),
    // 7. Other useful activity
    theme(
        "other_useful",
        Some("tarbie"),
        (
            "Қалалық марафондағы еріктілер",
            "Волонтёры городского марафона",
            "City marathon volunteers",
        ),
        &["спорт"],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("asyl_mura"),
        (
            "Мәдени фестивальге көмек",
            "Помощь на культурном фестивале",
            "Culture festival volunteers",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("fo_bilim"),
        (
            "Зейнеткерлерге цифрлық сауаттылық",
            "Цифровая грамотность для пенсионеров",
            "Digital literacy for seniors",
        ),
        &["it"],
        true,
        false,
    ),
    theme(
        "other_useful",
        Some("asyl_mura"),
        (
            "Мұражайда экскурсия жүргізу",
            "Экскурсии в музее",
            "Museum tour guide",
        ),
        &["ағылшын тілі"],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("saulyq"),
        (
            "Донор күнін ұйымдастыру",
            "Организация Дня донора",
            "Blood donation day",
        ),
        &["медицина"],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("bilim"),
        (
            "Оқушыларға онлайн репетиторлық",
            "Онлайн-репетиторство для школьников",
            "Online tutoring for pupils",
        ),
        &["педагогика"],
        true,
        false,
    ),
    theme(
        "other_useful",
        Some("bilim"),
        (
            "Кітапханада балаларға кітап оқу",
            "Чтение книг детям в библиотеке",
            "Reading to children at the library",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("tarbie"),
        (
            "Аулалық спорт жарыстарын өткізу",
            "Дворовые спортивные соревнования",
            "Neighbourhood sports day",
        ),
        &["спорт"],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("kelisim"),
        (
            "Медиация: көршілер арасындағы дау",
            "Медиация соседских споров",
            "Mediation of neighbour disputes",
        ),
        &["психология"],
        true,
        false,
    ),
    theme(
        "other_useful",
        Some("saulyq"),
        (
            "Салауатты өмір салты туралы дәріс",
            "Лекция о здоровом образе жизни",
            "Healthy lifestyle talk",
        ),
        &["медицина"],
        true,
        false,
    ),
];
