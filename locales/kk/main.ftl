# erikti — қазақша

## Макет
site_tagline = Қазақстанның ұлттық еріктілер платформасы
skip_to_content = Мазмұнға өту
nav_language = Тіл
nav_main = Басты мәзір
nav_home = Басты бет
nav_api = API
nav_mailbox = Пошта жәшігі
nav_profile = Профиль
nav_logout = Шығу
nav_login = Кіру
nav_signup = Тіркелу
footer_text = erikti — Қазақстанның еріктілер платформасы әрі еріктілік және қайырымдылық қызметті есепке алу жүйесі.

## Басты бет
home_title = Қазақстан еріктілері — бір жерде
home_lead = Жақын маңнан игі іс табыңыз, іс-шаралар мен ауысымдарға қатысыңыз және жоғары оқу орындары мен жұмыс берушілер сенім артатын, расталған сағаттар жазылған электрондық ерікті кітапшасын жүргізіңіз.
home_cta_signup = Ерікті болу
home_counters = erikti бүгін
home_count_volunteers = ерікті
home_count_organizations = ұйым және бастамашыл топ
home_count_hours = расталған сағат
home_what = erikti не ұсынады
home_volunteers_title = Еріктілерге
home_volunteers_text = Профиль, өз тіліңіздегі жақын маңдағы іс-шаралар, QR-код арқылы қатысуды белгілеу және тексерілетін сертификаттары бар ерікті кітапшасы.
home_orgs_title = Ұйымдарға
home_orgs_text = Өңірлік фронт-офис тексерген, әділ жазылуы, қатысуды есепке алуы және расталған сағаттары бар жобалар, іс-шаралар мен ауысымдар.
home_book_title = Электрондық ерікті кітапшасы
home_book_text = Әрбір расталған сағатқа қол қойылып, тізбекке тіркеледі, сондықтан оны ешкім байқатпай өзгерте алмайды.
home_help_title = Мұқтаж жандарға көмек
home_help_text = Сайтта немесе телефонмен қалдырылған өтінішті фронт-офис ең жақын лайықты еріктіге жеткізеді.

## Қателер
error_title = Қате орын алды
not_found = Мұндай бет жоқ.
forbidden = Бұл әрекетті орындауға рұқсатыңыз жоқ.
unauthenticated = Алдымен жүйеге кіріңіз.
csrf_failed = Форманың мерзімі өтіп кеткен немесе ол басқа сайттан жіберілген. Артқа қайтып, бетті жаңартыңыз да, қайталап көріңіз.
unsupported_media_type = Сұрау денесінің мұндай түрі қабылданбайды.
payload_too_large = Сұрау тым үлкен.
invalid_json = Сұрау денесі жарамды JSON емес.
invalid_json_shape = Сұрау денесінде күтілген өрістер жоқ.
invalid_query = Сұраудың параметрлері жарамсыз (сан тым үлкен немесе мәннің түрі дұрыс емес).
rate_limited = Әрекеттер тым көп. Біраз күтіп, қайталап көріңіз.
unavailable = Қызмет уақытша қолжетімсіз. Сәлден соң қайталап көріңіз.
validation_failed = Кейбір өрістерді түзету қажет.
link_invalid_title = Сілтеме жұмыс істемейді
link_invalid = Бұл сілтеме жарамсыз, мерзімі өтіп кеткен немесе бұрын пайдаланылған.
login_failed = Электрондық пошта немесе құпиясөз қате.
login_unconfirmed = Алдымен электрондық поштаңызды растаңыз: біз жіберген сілтемені ашыңыз.
email_taken = Бұл электрондық поштаны басқа тіркелгі пайдаланып отыр.
iin_taken = Бұл ЖСН басқа тіркелгіде бұрыннан тіркелген.
email_unchanged = Бұл — қазіргі электрондық поштаңыз.

## Тексеру
required = Бұл өрісті толтыру міндетті.
too_long = Тым ұзын: ең көбі { $max } таңба.
too_short = Тым қысқа: кемінде { $min } таңба.
email_malformed = Электрондық пошта мекенжайын name@example.kz түрінде енгізіңіз.
password_too_short = Құпиясөзде кемінде { $min } таңба болуы керек.
password_too_long = Құпиясөзде ең көбі { $max } таңба болуы керек.
password_too_common = Бұл құпиясөз тым кең таралған. Табу қиынырақ құпиясөз таңдаңыз.
password_same_as_email = Құпиясөз электрондық поштаңызбен бірдей болмауы керек.
iin_malformed = ЖСН 12 цифрдан тұрады және туған күннен (ЖЖААКК) басталады.
iin_checksum = Бұл ЖСН жарамсыз: цифрларды тексеріңіз (соңғысы — бақылау цифры).
iin_birth_date_mismatch = ЖСН туған күнге сәйкес келмейді.
phone_malformed = Телефон нөмірін +7 701 234 56 78 түрінде енгізіңіз.
date_malformed = Күнді ЖЖЖЖ-АА-КК түрінде енгізіңіз.
date_in_future = Болашақ күнді көрсетуге болмайды.
date_too_old = Тым ерте күн көрсетілген.
name_malformed = Тек әріптерді, бос орындарды, дефис пен апострофты пайдаланыңыз.
region_unknown = Тізімнен өңірді таңдаңыз.
choice_unknown = Тізімнен таңдаңыз.

## Өрістер
field_name = Атыңыз
field_email = Электрондық пошта
field_password = Құпиясөз
field_display_name = Жария есім
field_first_name = Аты
field_last_name = Тегі
field_patronymic = Әкесінің аты
field_iin = ЖСН
field_birth_date = Туған күні
field_phone = Телефон
field_region = Өңір
field_locality = Қала немесе ауыл
field_languages = Білетін тілдеріңіз
field_skills = Дағдылар
field_directions = Сізді қызықтыратын бағыттар
field_availability = Бос уақытыңыз
password_hint = Кемінде 10 таңба; бірнеше сөзден құралған тіркес ең қолайлы.
display_name_hint = Ұйымдарға және жария беттерде көрсетіледі.
iin_hint = 12 цифр. Ешқашан жария көрсетілмейді; туған күн осыдан алынады.
birth_date_hint = ЖСН енгізбесеңіз, міндетті.
phone_hint = Оны тек сізді қабылдаған ауысымдардың ұйымдастырушылары мен қызметкерлер көре алады.
skills_hint = Үтірмен бөліп жазыңыз, мысалы: алғашқы медициналық көмек, көлік жүргізу.
availability_hint = мысалы: демалыс күндері, кешкісін.
token_name_hint = Токенді тануға арналған белгі, мысалы: «менің скриптім».

## Тіркелу, кіру, құпиясөз
signup_title = Тіркелу
signup_intro = Ерікті тіркелгісін жасаңыз. Электрондық поштаңызға растау сілтемесін жібереміз.
signup_submit = Тіркелу
signup_have_account = Тіркелгіңіз бар ма? Кіріңіз
signup_done_title = Электрондық поштаңызды тексеріңіз
signup_done = Егер бұл мекенжайды пайдалануға болса, растау сілтемесі бар хат жолда. Тіркелгіңізді белсендіру үшін оны ашыңыз.
confirm_done_title = Электрондық пошта расталды
confirm_done = Электрондық поштаңыз расталды. Енді жүйеге кіре аласыз.
email_changed_title = Электрондық пошта өзгертілді
email_changed = Жаңа электрондық поштаңыз расталды және енді тіркелгіңіз үшін пайдаланылады.
login_title = Кіру
login_submit = Кіру
login_no_account = Тіркелгіңіз жоқ па? Тіркеліңіз
forgot_link = Құпиясөзді ұмыттыңыз ба?
forgot_title = Құпиясөзді қалпына келтіру
forgot_intro = Тіркелгіңіздің электрондық поштасын енгізіңіз, біз жаңа құпиясөз орнатуға арналған сілтеме жібереміз.
forgot_submit = Сілтемені жіберу
forgot_done_title = Электрондық поштаңызды тексеріңіз
forgot_done = Егер бұл мекенжай қандай да бір тіркелгіде пайдаланылса, құпиясөзді қалпына келтіру сілтемесі жолда. Ол 2 сағат бойы жарамды.
reset_title = Жаңа құпиясөз орнату
reset_submit = Құпиясөзді сақтау

## Бір реттік хабарламалар
flash_signed_out = Сіз жүйеден шықтыңыз.
flash_signed_in = Қайта қош келдіңіз!
flash_profile_saved = Профиліңіз сақталды.
flash_password_changed = Құпиясөзіңіз өзгертілді. Жүйеге қайта кіріңіз.
flash_token_revoked = Токеннің күші жойылды.
flash_email_change_sent = Жаңа мекенжайға растау сілтемесін жібердік. Сілтемені ашқан кезде электрондық поштаңыз өзгереді.

## Профиль
profile_title = Профиліңіз
profile_age = { $age } жаста
profile_minor = 18 жасқа толмаған
profile_personal = Жеке деректер
profile_private_note = ЖСН, телефон нөміріңіз және туған күніңіз ешқашан жария көрсетілмейді.
profile_iin_stored = Сақталған ЖСН
profile_save = Профильді сақтау
profile_email_title = Электрондық поштаны өзгерту
profile_email_submit = Растау сілтемесін жіберу
profile_tokens_title = API токендері
profile_tokens_intro = Жеке токендер арқылы бағдарламаларыңыз сіздің атыңыздан erikti API-мен жұмыс істей алады (Authorization: Bearer). Енді пайдаланбайтын токендердің күшін жойыңыз.
profile_token_created = Жаңа токеніңіз. Оны қазір көшіріп алыңыз: ол қайта көрсетілмейді.
profile_tokens_none = Сізде API токендері жоқ.
profile_token_prefix = Басталуы
profile_token_created_at = Жасалған күні
profile_token_revoke = Күшін жою
profile_token_create = Токен жасау

## Пошта жәшігі
mailbox_title = Пошта жәшігі
mailbox_intro = erikti жіберген барлық хаттар, ең жаңалары басында. SMTP бапталмаса, хаттар тек осында және журналда көрсетіледі.
mailbox_empty = Әзірге хаттар жоқ.
mailbox_to = Кімге

## API құжаттамасы
api_docs_title = API құжаттамасы
api_docs_intro = /api/v1 мекенжайындағы JSON API. Хабарламалардың аудармасын алу үшін Accept-Language: kk, ru немесе en тақырыбын жіберіңіз. OpenAPI 3.1 құжаты:
api_method = Әдіс
api_path = Жол
api_summary = Сипаттамасы
api_schemas = Схемалар

## Хаттар
mail_confirm_subject = erikti: электрондық поштаңызды растаңыз
mail_confirm_body = Сәлеметсіз бе!

    Біреу (сіз деп үміттенеміз) осы мекенжаймен erikti тіркелгісін жасады. Мекенжайды растау үшін 48 сағат ішінде мына сілтемені ашыңыз:

    { $link }

    Егер бұл сіз болмасаңыз, бұл хатты елемеңіз.

    — erikti
mail_already_registered_subject = erikti: тіркелу әрекеті
mail_already_registered_body = Сәлеметсіз бе!

    Біреу осы мекенжаймен erikti тіркелгісін жасамақ болды, бірақ бұл мекенжайға тіркелгі бұрыннан бар. Кіру үшін мына сілтемеге өтіңіз:

    { $link }

    Құпиясөзіңізді ұмытсаңыз, кіру бетіндегі «Құпиясөзді ұмыттыңыз ба?» сілтемесін пайдаланыңыз. Егер бұл сіз болмасаңыз, бұл хатты елемеңіз.

    — erikti
mail_reset_subject = erikti: құпиясөзді қалпына келтіру
mail_reset_body = Сәлеметсіз бе!

    erikti тіркелгіңізге жаңа құпиясөз орнату үшін 2 сағат ішінде мына сілтемені ашыңыз:

    { $link }

    Егер мұны сұрамаған болсаңыз, бұл хатты елемеңіз: құпиясөзіңіз өзгермейді.

    — erikti
mail_change_email_subject = erikti: жаңа электрондық поштаңызды растаңыз
mail_change_email_body = Сәлеметсіз бе!

    erikti тіркелгіңізде { $email } мекенжайын пайдалану үшін 48 сағат ішінде мына сілтемені ашыңыз:

    { $link }

    Егер мұны сұрамаған болсаңыз, бұл хатты елемеңіз.

    — erikti

## Ұйымдар
nav_organizations = Ұйымдар
nav_front_office = Фронт-офис
nav_coordinators = Үйлестірушілер
nav_audit = Аудит журналы
directory_title = Ұйымдар мен бастамашыл топтар
directory_filters = Сүзгілер
directory_search = Атауы, кез келген тілде
any = Кез келген
field_direction = Бағыт
field_kind = Түрі
directory_verified_only = Тек тексерілгендер
directory_apply = Көрсету
directory_found = Табылды: { $n }
badge_verified = Тексерілген
pager = Беттер
pager_prev = Алдыңғы
pager_next = Келесі
org_kind_ngo = Тіркелген ҮЕҰ
org_kind_state_institution = Мемлекеттік мекеме
org_kind_initiative_group = Бастамашыл топ
org_new_title = Ұйымды тіркеу
org_edit_title = Ұйымды өңдеу
org_names_hint = Атауын кемінде бір тілде көрсетіңіз.
bin_hint = 12 цифр; тек тіркелген ҮЕҰ мен мемлекеттік мекемелер үшін.
field_name_kk = Қазақша атауы
field_name_ru = Орысша атауы
field_name_en = Ағылшынша атауы
field_bin = БСН
field_contact_email = Байланыс электрондық поштасы
field_contact_phone = Байланыс телефоны
field_website = Веб-сайт
field_description_kk = Қазақша сипаттамасы
field_description_ru = Орысша сипаттамасы
field_description_en = Ағылшынша сипаттамасы
field_directions_org = Бағыттар
field_activity_types = Қызмет түрлері
field_reason = Себебі
org_save = Сақтау
org_status = Мәртебесі
org_status_registered = Тіркелген
org_status_verification_requested = Тексеруді күтуде
org_status_changes_requested = Өзгерістер сұралған
org_status_verified = Тексерілген
org_status_rejected = Қабылданбаған
org_status_suspended = Тоқтатылған
org_last_request = Соңғы тексеру сұрауы
request_status_open = фронт-офисті күтуде
request_status_verify = тексеруден өтті
request_status_reject = қабылданбады
request_status_request_changes = өзгерістер сұралды
org_members = Мүшелер
role_org_owner = иесі
role_org_coordinator = үйлестіруші
org_remove_member = Шығару
org_make_owner = Иесі ету
org_manage = Басқару
org_request_verification = Тексеруді сұрау
org_invite = Үйлестірушіні шақыру
org_leave = Ұйымнан шығу
org_suspension = Уақытша тоқтату
org_suspend = Тоқтата тұру
org_restore = Қалпына келтіру
audit_title = Аудит журналы
audit_when = Қашан
audit_who = Кім
audit_what = Не
audit_why = Неліктен
audit_organization_created = ұйым құрылды
audit_organization_edited = ұйым өңделді
audit_organization_logo = логотип өзгертілді
audit_verification_requested = тексеру сұралды
audit_verification_verify = тексеруден өтті
audit_verification_reject = тексеруден өтпеді
audit_verification_request_changes = өзгерістер сұралды
audit_organization_suspended = тоқтатылды
audit_organization_restored = қалпына келтірілді
audit_member_invited = үйлестіруші шақырылды
audit_member_joined = үйлестіруші қосылды
audit_member_removed = мүше шығарылды
audit_member_left = мүше ұйымнан шықты
audit_organization_ownership_transferred = иелік құқығы берілді
audit_role_appointed = өңірлік үйлестіруші тағайындалды
audit_role_removed = өңірлік үйлестіруші босатылды
audit_register_submitted = тізілімге өтінім берілді
audit_register_under_review = тізілімге өтінім қаралуда
audit_register_included = тізілімге енгізілді
audit_register_refused = тізілімге өтінім қабылданбады
audit_register_excluded = тізілімнен шығарылды
invitation_title = Ұйымға шақыру
invitation_accept = Шақыруды қабылдау
invitation_log_in = Алдымен жүйеге кіріңіз (немесе тіркеліңіз), содан кейін шақыру сілтемесін қайта ашыңыз.
invitation_invalid = Бұл шақыру жарамсыз, мерзімі өтіп кеткен немесе бұрын пайдаланылған.
queue_title = Тексеру кезегі
queue_empty = Күтіп тұрған ұйым жоқ.
queue_org = Ұйым
queue_requested = Сұралды
queue_waited = Күтуде
waited_hours = { $n } сағат
waited_days = { $n } күн
verification_title = Тексеру
verification_open_org = Ұйым бетін ашу
verification_decision = Шешім
decision_verify = Тексеруден өткізу
decision_request_changes = Өзгерістер сұрау
decision_reject = Бас тарту
reason_hint = Бас тарту немесе өзгерістер сұрау үшін міндетті; оны ұйым көреді.
verification_submit = Шешімді сақтау
coordinators_title = Өңірлік үйлестірушілер
coordinators_appoint = Тағайындау
coordinators_remove = Босату
account_not_found = Бұл электрондық поштамен тіркелгі жоқ.
flash_org_saved = Сақталды.
flash_verification_requested = Сұрау өңіріңіздің фронт-офисіне жіберілді.
flash_decision_saved = Шешім сақталды, ұйымға хабарланды.
flash_invitation_sent = Шақыру жіберілді.
flash_invitation_accepted = Енді сіз осы ұйымның үйлестірушісісіз.
flash_member_removed = Мүше шығарылды.
already_decided = Бұл сұрау бойынша шешім бұрын қабылданған.
log_tampered = Сақталған жазбалар жария журналмен енді сәйкес келмейді; әкімшілерге хабар берілді.
log_alarm = Тізілім өзінің жария журналымен енді сәйкес келмейді. erikti ledger verify іске қосып, куәгердің бақылау нүктесімен салыстырыңыз:
no_checkpoint = Жария журналда әзірге жазба жоқ.
already_requested = Тексеру бұрын сұралған.
not_requested = Тексеру сұралмаған.
suspended = Ұйым тоқтатылған.
not_suspended = Ұйым тоқтатылмаған.
already_suspended = Ұйым бұрыннан тоқтатылған.
not_included = Бұл жазба тізілімде жоқ.
invalid_transition = Қазіргі күйде бұл мүмкін емес.
state_changed = Бұл арада мұны біреу өзгертіп қойды. Бетті жаңартып, қайталап көріңіз.
owner_cannot_leave = Иесі ұйымнан шыға алмайды: алдымен иелік құқығын басқаға беріңіз.
bin_taken = Бұл БСН-ді басқа ұйым пайдаланып отыр.
not_a_member = Бұл адам ұйым мүшесі емес.
already_applied = Өтінім бұрыннан қаралуда немесе тізілімге енгізілген.
bin_malformed = БСН 12 цифрдан тұрады және тіркелген жылы мен айынан (ЖЖАА) басталады.
bin_checksum = Бұл БСН жарамсыз: цифрларды тексеріңіз (соңғысы — бақылау цифры).
url_malformed = Мекенжайды https://example.kz түрінде енгізіңіз.
number_out_of_range = Бүтін сан енгізіңіз: ең азы { $min }, ең көбі { $max }.
image_unsupported = PNG, JPEG немесе WebP суретін пайдаланыңыз.
image_too_large = Сурет тым үлкен: ең көбі { $max_kib } КиБ.
at_least_one_name = Атауын кемінде бір тілде көрсетіңіз.
reason_required = Себебін көрсетіңіз.
mail_org_verify_subject = erikti: ұйымыңыз тексеруден өтті
mail_org_verify_body = Сәлеметсіз бе!

    «{ $name }» ұйымын өңірлік фронт-офис тексерді. «Тексерілген» белгісі енді барлық тиісті жерде көрсетіледі:

    { $link }

    — erikti
mail_org_reject_subject = erikti: тексеруден бас тартылды
mail_org_reject_body = Сәлеметсіз бе!

    Өңірлік фронт-офис «{ $name }» ұйымын тексеруден өткізуден бас тартты. Себебі: { $reason }

    { $link }

    — erikti
mail_org_request_changes_subject = erikti: ұйымыңызға өзгерістер енгізу сұралды
mail_org_request_changes_body = Сәлеметсіз бе!

    Өңірлік фронт-офис «{ $name }» ұйымын тексеруден өткізер алдында оған өзгерістер енгізуді сұрайды: { $reason }

    Ұйым деректерін өңдеп, тексеруді қайта сұраңыз:

    { $link }

    — erikti
mail_org_suspended_subject = erikti: ұйымыңыз тоқтатылды
mail_org_suspended_body = Сәлеметсіз бе!

    «{ $name }» ұйымы тоқтатылды. Себебі: { $reason }

    { $link }

    — erikti
mail_org_restored_subject = erikti: ұйымыңыз қалпына келтірілді
mail_org_restored_body = Сәлеметсіз бе!

    «{ $name }» ұйымы қалпына келтірілді. Түсініктеме: { $reason }

    { $link }

    — erikti
mail_invitation_subject = erikti: «{ $name }» ұйымына шақыру
mail_invitation_body = Сәлеметсіз бе!

    Сіз erikti платформасында «{ $name }» ұйымының үйлестірушісі болуға шақырылдыңыз. Жүйеге кіріңіз (немесе осы электрондық поштамен тіркеліңіз), содан кейін 7 күн ішінде мына сілтемені ашыңыз:

    { $link }

    — erikti

## Ерікті қызмет тізілімі
nav_register = Тізілім
nav_register_admin = Тізілім бойынша шешімдер
register_title = Ерікті қызмет тізілімі
register_intro = Ерікті қызмет тізіліміне енгізілген еріктілер мен ұйымдар (2024 жылғы қағидалар). Енгізу ерікті түрде, өтінім бойынша жүргізіледі.
register_apply_title = Тізілімге өтінім беру
register_apply_intro = Өзіңіз үшін немесе иесі болып табылатын ұйымыңыз үшін өтінім беріңіз. Шешімді министрлік қабылдайды, ол туралы электрондық пошта арқылы хабарланады.
register_applicant = Өтінім беруші
register_as_volunteer = Өзім, ерікті ретінде
register_submit = Өтінімді жіберу
register_mine = Өтінімдеріңіз
register_admin_title = Тізілімге берілген өтінімдер
register_include = Енгізу
register_refuse = Бас тарту
register_exclude = Шығару
register_col_name = Аты / атауы
register_col_kind = Өтінім беруші
register_col_participants = Қатысушылар
register_col_projects = Жобалар
register_col_included = Енгізілген күні
register_kind_volunteer = Ерікті
register_kind_organization = Ұйым
register_status_submitted = берілді
register_status_under_review = қаралуда
register_status_included = енгізілді
register_status_refused = қабылданбады
register_status_excluded = шығарылды
register_profile_region = Алдымен профиліңізде өңіріңізді таңдаңыз.
field_participants = Қатысушылар саны
flash_register_submitted = Өтініміңіз жіберілді.
mail_register_included_subject = Ерікті қызмет тізіліміне енгізілді
mail_register_included_body = Сәлеметсіз бе!

    «{ $name }» ерікті қызмет тізіліміне енгізілді.

    { $link }

    — erikti
mail_register_refused_subject = Тізілімге өтінім қабылданбады
mail_register_refused_body = Сәлеметсіз бе!

    «{ $name }» атынан ерікті қызмет тізіліміне берілген өтінім қабылданбады. Себебі: { $reason }

    { $link }

    — erikti
mail_register_excluded_subject = Ерікті қызмет тізілімінен шығарылды
mail_register_excluded_body = Сәлеметсіз бе!

    «{ $name }» ерікті қызмет тізілімінен шығарылды. Себебі: { $reason }

    { $link }

    — erikti
field_logo = Логотип
logo_hint = PNG, JPEG немесе WebP, ең көбі 512 КБ.
logo_upload = Логотипті жүктеу
invalid_form = Форманы оқу мүмкін болмады. Қайталап көріңіз.

## Мүмкіндіктер
end_before_start = Аяқталу уақыты басталу уақытынан кейін болуы керек.
in_past = Уақыт болашақта болуы керек.
too_long_span = Тым ұзақ: ең көбі { $max_hours } сағат.
time_malformed = Уақытты СС:ММ түрінде енгізіңіз, мысалы 10:00.
outside_kazakhstan = Нүкте Қазақстан аумағында болуы керек.
too_many_shifts = Бір реттегі ауысым тым көп: ең көбі { $max }.
no_shifts_in_range = Бұл кезеңде таңдалған апта күндері жоқ.
org_not_verified = Іс-шараны тек тексерілген ұйым жариялай алады.
age_unknown = Профиліңізге туған күніңізді (немесе ЖСН) қосыңыз: бұл іс-шарада жас шектеулері бар.
below_min_age = Сіздің жасыңыз бұл іс-шараның ең төменгі жасынан кіші.
minor_activity_type = 18 жасқа толмаған еріктілер мұндай қызметке (төтенше жағдайлар мен апаттар кезіндегі көмек) қатыса алмайды.
minor_hazardous = 18 жасқа толмаған еріктілер қауіпті іс-шараларға қатыса алмайды.
event_not_open = Бұл іс-шара өтінімдер қабылдамайды.
overlapping_shift = Бұл уақытта сізде қабылданған ауысым бар.
shift_full = Бұл ауысымда орын жоқ.
not_cancellable = Бұл өтінімнен енді бас тарту мүмкін емес.
nav_events = Мүмкіндіктер
events_title = Еріктілік мүмкіндіктері
event_free_places = бос орын: { $n }
event_shifts = Ауысымдар
event_shift_time = Уақыты
event_free = Бос орындар
event_apply = Өтінім беру
event_join_waitlist = Күту тізіміне жазылу
event_login_to_apply = Өтінім беру үшін кіріңіз
event_cancel = Бас тарту
event_status_draft = Жоба: әлі жарияланбаған.
event_status_published = Жарияланған
event_status_completed = Бұл іс-шара аяқталды.
event_status_cancelled = Бұл іс-шара тоқтатылды.
application_status_accepted = қабылданды
application_status_waitlisted = күту тізімінде
application_status_pending = шешім күтуде
application_status_cancelled = бас тартылды
application_status_rejected = қабылданбады
application_status_checked_in = келгені белгіленді
application_status_completed = аяқталды
application_status_no_show = келмеді
flash_application_accepted = Сіз қабылдандыңыз. Кездескенше!
flash_application_waitlisted = Ауысымда орын жоқ: сіз күту тізіміндесіз, орын босаса хабарлаймыз.
flash_application_pending = Өтініміңіз қабылданды және шешім күтуде.
flash_application_cancelled = Өтініміңізден бас тартылды.
delivery_pending = жіберуді күтуде
delivery_sent = жіберілді
delivery_logged = журналға жазылды (SMTP жоқ)
delivery_failed = жіберілмеді
## Мүмкіндіктер: формалар, басқару, қатысу, хабарламалар
field_title_kk = Қазақша атауы
field_title_ru = Орысша атауы
field_title_en = Ағылшынша атауы
field_address = Мекенжайы
field_lat = Ендік
field_lon = Бойлық
field_time_zone = Уақыт белдеуі
field_min_age = Ең төменгі жас
field_contact_name = Байланысатын адам
field_date_from = Бірінші күн
field_date_to = Соңғы күн
field_start_time = Басталу уақыты
field_end_time = Аяқталу уақыты
field_capacity = Орын саны
field_description = Сипаттамасы
field_activity_type = Қызмет түрі
field_mode = Өтінімдер бойынша шешім қалай қабылданады
field_online = Онлайн
field_hazardous = Қауіпті (кәмелетке толмағандарға жабық)
field_motivation = Неліктен көмектескіңіз келеді (міндетті емес)
field_weekdays = Апта күндері
field_parent_name = Ата-ананың толық аты-жөні
field_parent_contact = Ата-ананың телефоны немесе электрондық поштасы
field_consent_date = Жазбаша келісім берілген күн
save = Сақтау
actions = Әрекеттер
back = Артқа
minor = 18 жасқа толмаған
form_has_errors = Төменде белгіленген өрістерді түзетіңіз.
event_new_title = Жаңа іс-шара
event_edit_title = Іс-шараны өңдеу
event_point_hint = Картадағы нүкте, мысалы: 43.2389 және 76.8897 (Алматы). Онлайн іс-шаралар үшін бос қалдырыңыз.
event_skills_hint = Дағдыларды үтірмен бөліп жазыңыз, мысалы: алғашқы медициналық көмек, көлік жүргізу.
event_mode_first_come = Кезек бойынша: орын бар кезде өтінім бірден қабылданады
event_mode_moderated = Модерациямен: шешімді үйлестіруші қабылдайды
event_mode = Өтінімдер
event_online = Онлайн
event_on_site = Орнында
event_place = Қайда
event_requirements = Талаптар
event_min_age = { $n } жастан бастап
event_hazardous = Қауіпті: тек ересектер үшін
event_contact = Байланыс
event_manage = Іс-шараны басқару
event_public_page = Жария бет
event_edit = Өңдеу
event_publish = Жариялау
event_complete = Аяқталды деп белгілеу
event_cancel_event = Іс-шараны тоқтату
event_taken = Алынған орындар
event_ics = Ауысымдарды күнтізбеге қосу (.ics)
event_shift_past = басталып кетті
events_from = Бастап
events_to = Дейін
events_format = Формат
events_near = Нүктеге жақын
events_km = Радиусы, км
events_sort = Сұрыптау
events_sort_date = күні бойынша
events_sort_distance = қашықтығы бойынша
events_suitable = Тек маған сәйкес келетіндер
events_distance = { $km } км қашықтықта
series_title = Ауысымдар қосу
series_hint = Бірінші күннен соңғы күнге дейінгі әрбір таңдалған апта күніне, сағаттары мен орын саны бірдей (уақыт белдеуі { $tz }). Бір ауысым үшін тек бірінші күнді көрсетіңіз.
series_date_to_hint = Бос болса — тек бірінші күн.
series_add = Ауысымдар қосу
weekday_mon = Дс
weekday_tue = Сс
weekday_wed = Ср
weekday_thu = Бс
weekday_fri = Жм
weekday_sat = Сб
weekday_sun = Жс
shift_applications = Өтінімдер
shift_qr = Келуді белгілеуге арналған QR-код
qr_valid_until = Жарамдылық мерзімі: { $time }; бет кодты өзі жаңартып отырады.
bulk_title = Белгіленген өтінімдермен
bulk_select = Таңдау
bulk_accept = Белгіленгендерді қабылдау
bulk_reject = Белгіленгендерді қабылдамау (себебін көрсетіп)
bulk_refused = { $n ->
    [one] Бір өтінім шешілмей қалды:
   *[other] { $n } өтінім шешілмей қалды:
}
decision_accept = Қабылдау
move_to = Ауысымға ауыстыру
consent_needed = 16 жасқа толмаған: қабылдамас бұрын ата-ананың жазбаша келісімін тіркеу қажет.
consent_record = Келісімді тіркеу
attendance_check_in = Келгенін белгілеу
attendance_check_out = Кеткенін белгілеу
attendance_no_show = Келмеді
check_in_title = Келуді белгілеу
check_in_text = Қазір ауысымда екеніңізді растаңыз.
check_in_confirm = Мен осындамын
flash_checked_in = Келгеніңіз белгіленді. Келгеніңізге рахмет!
flash_event_saved = Іс-шара сақталды.
flash_shifts_added = Ауысымдар қосылды.
flash_saved = Сақталды.
my_applications_title = Менің өтінімдерім
my_applications_none = Сіз әлі ешқайда өтінім берген жоқсыз.
application_needs_consent = Ата-анаңыздың жазбаша келісімі күтілуде ({ $age } жасқа толмағандар үшін міндетті): оны қалай беруге болатынын ұйымдастырушыдан сұраңыз.
application_event_cancelled = Іс-шара тоқтатылды.
notify_title = Электрондық пошта арқылы хабарламалар
notify_legend = Маған электрондық поштамен хабарлау
notify_decisions = өтінімдерім бойынша шешімдер туралы
notify_waitlist = күту тізімінен маған орын босағаны туралы
notify_cancellations = тоқтатылған іс-шаралар туралы
notify_reminders = ауысымнан бір күн бұрын еске салу
calendar_title = Күнтізбеге жазылу
calendar_text = Ауысымдарыңызды көру үшін күнтізбе қолданбасында осы жеке мекенжайға жазылыңыз. Оны құпия сақтаңыз; кез келген уақытта жаңартуға немесе өшіруге болады.
calendar_create = Күнтізбе мекенжайын жасау
calendar_renew = Жаңа мекенжай (ескісі жұмыс істемей қалады)
calendar_revoke = Өшіру
calendar_name = Менің erikti ауысымдарым
check_in_token_invalid = Келуді белгілеу коды жарамсыз. Ұйымдастырушының экранындағы кодты қайта сканерлеңіз.
check_in_token_expired = Келуді белгілеу кодының мерзімі өтіп кетті. Ұйымдастырушының экранындағы жаңа кодты сканерлеңіз.
check_in_not_yet = Келуді белгілеу ауысым басталардан бір сағат бұрын ашылады.
check_in_closed = Ауысым аяқталды: келуді белгілеу жабық.
consent_missing = Алдымен ата-ананың келісімін тіркеу қажет.
consent_not_required = Бұл өтінім келісімді күтіп тұрған жоқ.
not_accepted = Келуді белгілеу немесе қатысуды белгілеу тек қабылданған өтінім бойынша мүмкін.
already_checked_in = Келгені бұрын белгіленген.
not_checked_in = Келгені белгіленбеген.
capacity_below_accepted = Қабылданған адамдар саны бұл орын санынан қазірдің өзінде көп.
other_event = Бұл ауысым басқа іс-шараға тиесілі.
mail_application_received_subject = Өтінім алынды: { $event }
mail_application_received_body = Сәлеметсіз бе, { $name }!

    «{ $event }» ({ $start }) іс-шарасына берген өтініміңізді алдық. Оның мәртебесі: { $status }.

    { $link }
mail_accepted_subject = Сіз қабылдандыңыз: { $event }
mail_accepted_body = Сәлеметсіз бе, { $name }!

    Сіз «{ $event }» ({ $start }) іс-шарасына қабылдандыңыз. Кездескенше!

    { $link }
mail_rejected_subject = Өтінім қабылданбады: { $event }
mail_rejected_body = Сәлеметсіз бе, { $name }!

    «{ $event }» ({ $start }) іс-шарасына берген өтініміңіз қабылданбады. Ұйымдастырушы көрсеткен себеп: { $reason }

    { $link }
mail_promoted_subject = Сізге орын босады: { $event }
mail_promoted_body = Сәлеметсіз бе, { $name }!

    «{ $event }» ({ $start }) іс-шарасында орын босап, ол сізге берілді: сіз қабылдандыңыз. Келе алмасаңыз, келесі адам бара алуы үшін өтініміңізден бас тартыңыз.

    { $link }
mail_moved_subject = Ауысымыңыз өзгерді: { $event }
mail_moved_body = Сәлеметсіз бе, { $name }!

    Ұйымдастырушы өтініміңізді «{ $event }» іс-шарасының басқа ауысымына ауыстырды: { $start }. Мәртебесі: { $status }.

    { $link }
mail_consent_recorded_subject = Келісім тіркелді: { $event }
mail_consent_recorded_body = Сәлеметсіз бе, { $name }!

    Ата-анаңыздың «{ $event }» ({ $start }) іс-шарасына қатысуыңызға берген келісімі тіркелді. Мәртебесі: { $status }.

    { $link }
mail_event_cancelled_subject = Тоқтатылды: { $event }
mail_event_cancelled_body = Сәлеметсіз бе, { $name }!

    Ұйымдастырушы «{ $event }» іс-шарасын тоқтатты. Себебі: { $reason }

    { $link }
mail_shift_reminder_subject = Ертең: { $event }
mail_shift_reminder_body = Сәлеметсіз бе, { $name }!

    Еске саламыз: «{ $event }» іс-шарасындағы ауысымыңыздың басталу уақыты — { $start }. Келе алмасаңыз, орныңызға басқа біреу бара алуы үшін өтініміңізден бас тартыңыз.

    { $link }
mail_pending_reminder_subject = Өтінімдер сіздің шешіміңізді күтуде
mail_pending_reminder_body = Сәлеметсіз бе, { $name }!

    Бірнеше күннен бері шешім күтіп тұрған өтінімдер саны: { $n }. Еріктілер жауабыңызды күтуде; жауапсыз қалған өтінімдер өңірдің фронт-офисіне беріледі.

    { $events }
export_shift = Ауысым
export_name = Аты
export_status = Мәртебесі
export_applied = Өтінім берілді
export_checked_in = Келгені белгіленді
export_checked_out = Кеткені белгіленді
org_median_response = Өтінімдерге жауап беру уақытының медианасы: { $time }
duration_minutes = { $n } мин
duration_hours = { $n } сағ
queue_escalated = Тым ұзақ жауапсыз қалған өтінімдер
queue_escalated_empty = Тым ұзақ күтіп тұрған өтінім жоқ.
queue_event = Іс-шара
shift_started = Бұл ауысым басталып кетті.
org_projects = Жобалар
field_project = Жоба
field_goals = Мақсаттары
project_create = Жоба қосу

## Волонтердің электрондық кітапшасы
nav_book = Менің кітапшам
book_title = Менің волонтер кітапшам
book_total = Расталған сағаттар
book_only_confirmed = Тек ұйым растаған сағаттар есептеледі; әр растауға платформа қол қояды және оны тексеруге болады.
book_by_year = Жылдар бойынша
book_by_direction = Бағыттар бойынша
book_by_organization = Ұйымдар бойынша
book_by_activity = Қызмет түрлері бойынша
book_other = Басқа
book_entries = Жазбалар
book_none = Әзірге сағаттар жоқ. Олар алғашқы ауысымнан кейін осында пайда болады.
book_organization = Ұйым
book_hours = Сағат
book_source = Дереккөз
book_status = Мәртебе
book_dispute = Фронт-офиске жүгіну
book_claim_title = Өткен қызмет үшін сағаттарды мәлімдеу
book_claim_hint = Ұйым оларды растайды немесе қабылдамайды. Сағат, мысалы 2 немесе 1,5.
book_description = Не істедіңіз
book_claim_submit = Растауға жіберу
field_date = Күні
choose = Таңдау
hours_source_attendance = Ауысымға қатысу
hours_source_claim = Мәлімдеме
hours_source_help_request = Көмек сұрауы
hours_source_import = Қағаз жазба
hours_status_claimed = Растауды күтуде
hours_status_confirmed = Расталды
hours_status_rejected = Қабылданбады
hours_status_disputed = Фронт-офисте қаралуда
hours_status_reversed = Күші жойылды
flash_hours_claimed = Сағаттарыңыз растау үшін ұйымға жіберілді.
flash_hours_disputed = Өңірдің фронт-офисі бұл сағаттарды қарайды.
org_hours_title = Растауды күтетін сағаттар
org_hours_link = Растауды күтетін сағаттар
org_hours_none = Растауды күтетін сағаттар жоқ.
org_hours_volunteer = Волонтер
org_hours_reason_hint = Қабылдамау үшін міндетті.
org_hours_confirm = Таңдалғандарды растау
org_hours_reject = Таңдалғандарды қабылдамау
not_confirmed = Бұл сағаттар расталмаған.
too_early_to_dispute = Ұйымның жауап беруге әлі уақыты бар. Күту мерзімі өткен соң фронт-офиске жүгінуге болады.
mail_hours_confirmed_subject = Сағаттарыңыз расталды: { $hours } сағ.
mail_hours_confirmed_body = Сәлеметсіз бе, { $name }!

    { $date } күнгі { $hours } сағ. расталып, волонтер кітапшаңызға енгізілді.

    { $link }
mail_hours_rejected_subject = Сағаттарыңыз расталмады
mail_hours_rejected_body = Сәлеметсіз бе, { $name }!

    { $date } күнгі { $hours } сағ. расталмады. Себебі: { $reason }
    Келіспесеңіз, кітапшаңыздан өңіріңіздің фронт-офисіне жүгіне аласыз.

    { $link }
mail_hours_reversed_subject = Волонтер кітапшаңыздағы түзету
mail_hours_reversed_body = Сәлеметсіз бе, { $name }!

    { $date } күнгі { $hours } сағ. кітапшаңыздан алынып тасталды. Себебі: { $reason }

    { $link }
cert_title = Волонтерлік қызмет туралы анықтама
cert_subtitle = Қазақстан Республикасы волонтерінің электрондық кітапшасы — расталған сағаттар
cert_holder = Иесі
cert_total = Расталған сағаттар
cert_hours_unit = сағ.
cert_period = Кезең
cert_no_hours = Бұл кезеңде расталған сағаттар жоқ
cert_issued = Берілді
cert_code = Коды
cert_verify_at = Анықтаманы кодты сканерлеп немесе мына мекенжай бойынша тексеріңіз:
cert_signed = Платформа қол қойған:
cert_list_title = Анықтамалар
cert_request_hint = Анықтама сағаттарыңызды растайды: барлығын, кезең бойынша немесе бір ұйымда. ЖОО мен жұмыс берушілер оны код арқылы, интернетсіз де тексереді.
cert_all_organizations = Барлық ұйымдар
cert_request = Анықтама алу
cert_verify_link = Тексеру
flash_certificate_issued = Анықтамаңыз дайын.
verify_title = Анықтаманы тексеру
verify_valid = Анықтама түпнұсқа: оны платформа берген және содан бері өзгертілмеген.
verify_invalid = Анықтаманың қолтаңбасы сәйкес келмейді: оған сенбеңіз.
verify_revoked = Кері қайтарылды
verify_how = Анықтамаға платформаның Ed25519 кілтімен қол қойылған; ашық кілттер мына жерде жарияланған
verify_log_recorded = Жазбалар жария журналға енгізілген: { $date } күнгі { $n } бақылау нүктесі.
verify_log_reversed = Анықтаманың негізіндегі жазбалар { $date } күні жойылды.
verify_log_broken = Анықтаманың негізіндегі жазбалар жария журналмен енді сәйкес келмейді: оған сенбеңіз.
verify_log_none = Анықтама жария журнал пайда болғанға дейін берілген: тек қолтаңбасын тексеруге болады.
verify_log_how = Әр расталған сағат — жария Меркл журналының жапырағы, оның қол қойылған бақылау нүктелерін кез келген адам куәландыра алады:
verify_log_link = соңғы бақылау нүктесі
certificate_unknown = Мұндай кодпен анықтама жоқ.
already_revoked = Бұл анықтама бұрыннан кері қайтарылған.
benefit_title = Жеңілдіктер
benefit_student_voucher = Студенттің әлеуметтік жолдамасы (ағымдағы оқу жылы, 70 сағаттан аспайды)
benefit_badge_500 = «500 сағат» белгісі
benefit_tier_first = бірінші саты алынды
benefit_tier_second = екінші саты алынды
benefit_achieved = қол жеткізілді
benefit_left = тағы { $hours } сағ. қалды
org_hours_export = Расталған сағаттарды жүктеу (CSV)
queue_disputed = Даулы сағаттар
queue_disputed_empty = Даулы сағаттар жоқ.

## Public book
public_book_title = Волонтер кітапшасы
public_book_hint = Тек ұйымдар растаған және қол қойылған тізілімге жазылған сағаттар көрсетіледі. Кітапшаны иесінің өзі ашық етті; оның байланыс деректері ешқашан көрсетілмейді. Ашық кілттер:
book_none_public = Расталған сағаттар әзірге жоқ.
public_book_switch_title = Ашық кітапша
public_book_switch_hint = Ашық кітапшада атыңыз, тегіңіздің бірінші әрпі, өңіріңіз және расталған сағаттарыңыз көрсетіледі — ЖСН, телефон, e-mail немесе мекенжай ешқашан көрсетілмейді.
public_book_switch = Кітапшамды бәріне көрсету
public_book_open = Ашық кітапшамды ашу
flash_book_public = Кітапшаңыз енді ашық.
flash_book_private = Кітапшаңыз қайтадан жабық.

## Import of paper records
import_title = Қағаз жазбаларды импорттау
import_lead = Платформаға дейін қағазға жазылған сағаттар: әр жол осы ЖСН немесе e-mail иесі волонтердің кітапшасына сіз растаған күйде түседі немесе ол тіркелгенше күтеді.
import_upload_title = Файлды тексеру
import_columns_hint = Тақырып жолы бар CSV (үтір, нүктелі үтір немесе табуляция) не XLSX файлы: iin немесе email, name, date (ЖЖЖЖ-АА-КК немесе КК.АА.ЖЖЖЖ), hours (2,5), region (KZ-55); қаласаңыз direction, activity_type, description. Үлгі:
import_all_regions = Барлық өңірлер
import_file = Файл
import_check = Файлды тексеру
import_recent = Соңғы импорттар
import_none = Әзірге импорт жоқ.
import_uploaded = Жүктелді
import_status = Күйі
import_rows = Жолдар
import_valid = Дұрыс
import_refused = Қабылданбады
import_status_preview = Тексерілді, импортталмады
import_status_applying = Импорттау жүріп жатыр…
import_status_applied = Импортталды
import_status_discarded = Қабылданбай тасталды
import_imported = Кітапшаларға
import_held = Тіркелуді күтуде
import_progress = Барысы
import_confirm_title = Дұрыс жолдарды импорттау
import_confirm_hint = Дұрыс жолдар: { $n }. Әзірге ештеңе импортталған жоқ; қабылданбаған жолдар импортталмайды.
import_apply = Дұрыс { $n } жолды импорттау
import_nothing_valid = Файлдың бірде-бір жолы дұрыс емес: файлды түзетіп, қайта тексеріңіз.
import_discard = Тастау
import_errors_title = Қабылданбаған жолдар
import_errors_more = Барлығы { $n } қате; алғашқы 1 000-ы көрсетілген.
import_line = Жол
import_column = Баған
import_problem = Қате
import_rows_title = Дұрыс жолдар
import_column_iin = ЖСН
import_column_email = E-mail
import_column_name = Аты-жөні
import_column_date = Күні
import_column_hours = Сағат
import_column_region = Өңір
import_column_direction = Бағыт
import_column_activity_type = Қызмет түрі
import_column_description = Сипаттама
import_row_preview = Дұрыс
import_row_imported = Кітапшасында
import_row_held = Тіркелуді күтуде
flash_import_started = Импорт басталды.
flash_import_discarded = Файл тасталды; ештеңе импортталған жоқ.
import_empty_file = Файлда жолдар жоқ.
import_missing_column = Тақырып жолында міндетті баған жоқ.
import_too_many_rows = Файлда 100 000-нан көп жол бар: оны бөліңіз.
import_unreadable = Файл оқылмайды: оны CSV (UTF-8) немесе XLSX ретінде сақтаңыз.
import_identity_required = Волонтердің ЖСН-ін немесе e-mail-ін көрсетіңіз.
import_region_not_yours = Бұл сіздің өңіріңіз емес.
import_duplicate_row = Дәл осындай жол файлда жоғарыда бар.
import_not_preview = Бұл файл импортталып қойған немесе тасталған.
import_link = Қағаз жазбаларды импорттау

## Help requests
help_sms_code = erikti: сіздің кодыңыз { $code }. Ол көмек сұрауыңызды растайды.
help_sms_done = erikti: волонтер көмек көрсетілгенін хабарлайды. Растау үшін { $code } кодын енгізіңіз.
help_type_delivery = Азық-түлік не дәрі жеткізу
help_type_home_help = Үйдегі көмек
help_type_accompaniment = Ілесіп жүру
help_type_online_consultation = Онлайн кеңес
help_type_other = Басқа көмек
help_reason_distance = { $km } км жерде
help_reason_distance_approximate = шамамен { $km } км жерде (өңір орталығынан)
help_reason_speaks_language = адамның тілінде сөйлейді
help_reason_no_common_language = адамның тілінде сөйлемейді
help_reason_skills = дағдылар: { $wanted } ішінен { $matched }
help_reason_free = қалаған уақытта бос
help_reason_busy = қалаған уақытта бос емес
help_reason_load = қолындағы өтініштер: { $n }
help_reason_no_shows = келмеген ауысымдар: { $n }
phone_code_wrong = Код қате немесе мерзімі өткен. SMS-ті тексеріңіз немесе жаңа код сұраңыз.
minor_home_visit = Үйге бару тек кәмелетке толған волонтерлерге.
minor_emergency = Төтенше шақырулар тек кәмелетке толған волонтерлерге.
request_taken = Бұл өтінішті басқа волонтер алып қойды.
help_not_offered = Бұл өтініш сізге ұсынылмаған. Өңірлік фронт-офис әр өтінішті көмектесуге ең лайықты волонтерлерге ұсынады, және оны тек солар ала алады.
help_not_offered_hint = Бұл өтінішті өңірлік фронт-офис ұсынған волонтерлер ғана ала алады. Сізге ұсынылса, ол көмек өтініштеріңіз бетіндегі «Маған ұсынылған» бөлімінде шығады.
help_closed = Бұл өтініш жабылған.
help_taken = Бұл өтініш алынып қойған.
nobody_chosen = Кемінде бір волонтерді таңдаңыз.
already_confirmed = Бұл расталып қойған.
mail_help_offered_subject = Жаныңызда көмек қажет: { $help }
mail_help_offered_body = Сәлеметсіз бе, { $name }!

    Фронт-офис көмектесе аласыз ба деп сұрайды: { $help }, { $place }. Өтінішті бірінші келіскен волонтер алады.

    { $link }
mail_help_taken_subject = Өтініш алынды: { $help }
mail_help_taken_body = Бұл өтінішті ({ $help }) басқа волонтер алды. Көмектесуге дайын болғаныңыз үшін рақмет.
mail_emergency_call_subject = Төтенше шақыру: { $event }
mail_emergency_call_body = Сәлеметсіз бе, { $name }!

    Жаныңыздағы волонтерлер шақырылады: { $event }. Келе алсаңыз, шақыруға жауап беріңіз:

    { $link }

## Help request pages
help_title = Көмек сұрау
help_lead = Не керек екенін айтыңыз. Жаныңызда тұратын волонтер келеді; алдымен өңіріңіздің фронт-офисі қоңырау шалады. Телефоныңызды, мекенжайыңызды және атыңызды тек фронт-офис пен көмектесетін волонтер көреді.
help_intake_title = Телефон арқылы қабылданған өтініш
help_intake_lead = Қоңырау шалушының айтқанын толтырыңыз. Телефон расталған болып саналады: сіз адаммен сөйлестіңіз.
help_field_category = Кімге көмек керек
help_field_type = Қандай көмек
help_field_description = Не керек
help_field_locality = Қала, ауыл немесе аудан
help_field_address = Мекенжай
help_field_phone = Телефон
help_field_name = Адамның аты
help_field_point = Картадағы орны (міндетті емес)
help_point_hint = Координаттарды білсеңіз (карта қосымшасы көрсетеді), жазыңыз; әйтпесе фронт-офис мекенжайды табады.
help_field_lang = Қай тілде сөйлесу
help_field_urgency = Қаншалықты шұғыл
help_field_when = Ыңғайлы уақыт (міндетті емес)
help_field_preferred_from = Басы
help_field_preferred_to = Соңы
help_privacy_note = Телефоныңызды, мекенжайыңызды және атыңызды тек өңіріңіздің фронт-офисі мен өтінішті алған волонтер көреді. Көмектен кейін біраз уақыттан соң олар өшіріледі.
help_submit = Өтінішті жіберу
help_urgency_critical = Өте шұғыл
help_urgency_high = Шұғыл
help_urgency_normal = Шұғыл емес
help_code_title = SMS-тегі кодты енгізіңіз
help_code_lead = Телефоныңызға код жібердік. Өтінішті растау үшін оны енгізіңіз.
help_field_code = Код
help_code_submit = Растау
help_code_resend = Кодты қайта жіберу
help_code_confirmed = Өтінішіңіз расталды. Өңіріңіздің фронт-офисі сізге қоңырау шалады.
help_thanks_title = Рақмет
help_done_title = Көмек көрсетілді ме?
help_done_lead = Волонтер көмектескенін растау үшін SMS-тегі кодты енгізіңіз. Бірер сөз қоса аласыз.
help_done_confirmed = Рақмет: көмек расталды.
help_field_feedback = Сіздің сөзіңіз
help_field_rating = Баға
flash_code_sent = Жаңа код жіберілді.
flash_help_filed = Өтініш қабылданды.
flash_call_raised = Шақыру жарияланды; жақын волонтерлерге хабарланды.
help_desk_title = Көмек өтініштері
help_queue_new = Жаңа, қарауға
help_queue_open = Мақұлданған, волонтерді күтуде
help_queue_taken = Алынған
help_queue_done = Орындалған
help_none = Жоқ.
help_filed = Берілген
help_status = Күйі
help_status_new = жаңа
help_status_triaged = мақұлданды
help_status_offered = ұсынылды
help_status_assigned = алынды
help_status_in_progress = орындалуда
help_status_completed = орындалды
help_status_cancelled = тоқтатылды
help_status_rejected = қабылданбады
help_status_duplicate = қайталама
help_triage = Қарау
help_approve = Мақұлдау
help_duplicate = Қайталама деп белгілеу
help_duplicate_of = Бастапқы өтініштің кілті
help_cancel = Өтінішті тоқтату
help_ranked = Көмектесе алатын волонтерлер, ең лайықтылары алдымен
help_offer = Ұсыну
help_why = Неге
help_offer_submit = Таңдалған волонтерлерге ұсыну
help_take = Мен көмектесемін
help_decline = Бұл жолы емес
help_start = Жолға шықтым
help_minutes = Жұмсалған минуттар
help_complete = Орындалды
help_release = Қайтару
help_confirmed_by_phone = Адам телефонмен растады
help_person_confirmed = Адам растады
my_help_title = Менің көмек өтініштерім
my_help_offered = Маған ұсынылған
my_help_taken = Мен алған
my_help_near = Жанымдағы ашық өтініштер
my_help_near_hint = Бұл өтініштерді өңірлік фронт-офис көмектесуге ең лайықты волонтерлерге ұсынады. Өтініш сізге ұсынылғанда, ол «Маған ұсынылған» бөлімінде шығады, сонда оны ала аласыз.
my_help_point = Жанымдағы өтініштер үшін орным
my_help_point_hint = Жасырын: тек жаныңыздағы өтініштер мен төтенше шақыруларды табу үшін. Өңіріңізді пайдалану үшін бос қалдырыңыз.
emergency_title = Төтенше шақыру
emergency_raise_title = Төтенше шақыру жариялау
emergency_raise_lead = Радиус ішіндегі кәмелетке толған волонтерлерге (дағдыларды көрсетсеңіз, солардың біреуі барларға) бірден хабарланады.
emergency_field_title = Не болды
emergency_field_radius = Радиус, км
emergency_field_skills = Қажетті дағдылар (үтір арқылы)
emergency_field_when = Қашан
emergency_raise = Шақыру жариялау
emergency_open = Ашық төтенше шақырулар
emergency_answer = Мен келемін
emergency_roll = Түгендеу
emergency_notified = Хабарланған волонтерлер: { $n }.
emergency_mark = Белгі
emergency_close = Шақыруды жабу
emergency_status_open = ашық
emergency_status_closed = жабық
emergency_roll_present = орнында
emergency_roll_safe = қауіпсіз
nav_help = Көмек сұрау
nav_my_help = Көмек өтініштері

## Қайырымдылық жинаулары
amount_malformed = Соманы теңгемен енгізіңіз, мысалы 1 500 немесе 1 500,50.
amount_not_positive = Сома нөлден көп болуы керек.
amount_fractional_tiyn = Үтірден кейін ең көбі екі цифр (тиын). Мыңдықтарды бос орынмен бөліңіз: 1 500.
amount_too_large = Сома тым үлкен: ең көбі 1 000 000 000 000 ₸.
iban_malformed = Қазақстандық шот (IBAN) 20 таңбадан тұрады: KZ, екі бақылау цифры және 16 әріп не цифр, мысалы KZ86 125K ZT50 0410 0100.
iban_checksum = Бұл IBAN жарамсыз: таңбаларды тексеріңіз (KZ-тен кейінгі екі цифр — бақылау цифрлары).
account_is_card = Бұл — төлем картасының нөмірі. Жинау қаражаты жеке картаға емес, ұйымның банктік шотына (IBAN) түседі.
at_least_one_language = Кемінде бір тілде толтырыңыз.
receipt_not_document = PDF құжатын немесе PNG, JPEG, WebP суретін жүктеңіз.
file_too_large = Файл тым үлкен: ең көбі { $max_kib } КиБ.
currency_unsupported = Тек теңгемен (KZT) жасалған төлемдер қабылданады.
notification_malformed = Төлем туралы хабарлама сипатталған пішімге сәйкес емес.
collection_not_allowed = Жинаудың қазіргі күйінде бұл мүмкін емес.
collection_forbidden = Бұл жинауда сіз бұл қадамды жасай алмайсыз.
expense_four_eyes = Бұл шығысты басқа үйлестіруші бекітуі керек: оны енгізген адам бекіте алмайды.
expense_over_balance = Шығыс жинаудағы қаражат қалдығынан асып кетеді.
collection_status_draft = Жоба
collection_status_submitted = Тіркеуді күтуде
collection_status_registered = Тіркелді
collection_status_active = Жинау жүріп жатыр
collection_status_closed = Аяқталды
collection_status_reported = Есеп жарияланды
collection_status_rejected = Қабылданбады
collection_status_suspended = Тоқтатыла тұрды
beneficiary_children = Балалар
beneficiary_elderly = Қарт адамдар
beneficiary_disabled = Мүгедектігі бар адамдар
beneficiary_sick = Емделуге мұқтаж адамдар
beneficiary_low_income = Аз қамтылған отбасылар
beneficiary_large_families = Көпбалалы отбасылар
beneficiary_emergency_victims = Төтенше жағдайлардан зардап шеккендер
beneficiary_animals = Жануарлар
beneficiary_other = Басқалар
expense_category_purchase_goods = Тауар сатып алу
expense_category_medical = Емдеу және дәрі-дәрмек
expense_category_food = Азық-түлік
expense_category_transport = Көлік және жеткізу
expense_category_rent = Жалдау
expense_category_services = Қызметтер
expense_category_direct_aid = Тікелей көмек
expense_category_bank_fees = Банк комиссиялары
expense_category_other = Басқа
channel_bank_transfer = Банк аударымы
channel_card = Картамен төлеу
channel_cash_box = Қайырымдылық жәшігі
channel_other = Басқа
expense_status_pending = Бекітуді күтуде
expense_status_approved = Бекітілді
expense_status_rejected = Қабылданбады
money_kind_donation = Қайырмалдық
money_kind_expense = Шығыс
money_kind_reversal = Қайтарым

## Charity pages
collections_title = Қайырымдылық жинаулары
collections_intro = Өңірлік фронт-офистер тіркеген жинаулар. Түскен және жұмсалған әрбір теңге жария журналға жазылады, оны тексеруге болады.
field_beneficiary = Кімге көмектеседі
collections_none = Мұнда әзірге жинау жоқ.
collection_progress = Мақсаттан жиналғаны
collection_registered_as = тіркеу №
collection_report_overdue = Қорытынды есептің мерзімі өтті
collection_money = Қаражат
collection_target = Мақсат
collection_raised = Жиналды
collection_spent = Жұмсалды
collection_remainder = Қалдық
collection_donors = Қайырмалдықтар
collection_trail = Өзіңіз тексеріңіз (қаражаттың дәлелдері бар жолы)
collection_not_proven_yet = Бұл сандар жария журналда келесі бақылау нүктесінде дәлелденеді.
collection_pending_entries = Соңғы жазбалардың кейбірі жария журналға келесі бақылау нүктесінде қосылады.
collection_proven_at = Жария журнал бойынша есептелді: {"{"}at{"}"} кезіндегі {"{"}size{"}"} бақылау нүктесі.
collection_give = Қайырмалдық жасау
field_amount_kzt = Сома, ₸
field_donor_name = Атыңыз (түбіртек үшін; жария көрсетілмейді)
field_public_name = Жария көрсетілетін есім
field_public_name_hint = Бос қалдырсаңыз, «Аноним» деп көрсетіледі.
collection_give_card = Картамен төлеу
collection_account = Аударымдарға арналған шот
collection_report = Қорытынды есеп
collection_donations = Қайырмалдықтар
collection_no_donations = Әзірге қайырмалдық жоқ.
collection_estimate = бағаланған құны
collection_refunded = қайтарылды
collection_expenses = Шығыстар
collection_no_expenses = Әзірге шығыс жоқ.
collection_receipt = түбіртек
collection_qr = Плакаттар мен қайырымдылық жәшіктеріне арналған QR-код
collection_manage = Жинауды басқару
collection_new_title = Жаңа қайырымдылық жинауы
collection_new_intro = Қайырмалдық қабылдамас бұрын жинау өңіріңіздің фронт-офисінде тіркеуден өтеді. Қаражат жеке картаға емес, тек ұйымыңыздың банктік шотына жиналады.
field_purpose_kk = Қазақша мақсаты
field_purpose_ru = Орысша мақсаты
field_purpose_en = Ағылшынша мақсаты
field_target = Мақсатты сома, ₸
field_start_date = Бірінші күні
field_end_date = Соңғы күні
field_iban = Шот (IBAN)
field_bank_name = Банк
field_holder_bin = Шот иесінің БСН
field_box_location = Қайырымдылық жәшігі (қай жерде тұр), міндетті емес
collections_queue_title = Тіркеуді күтетін жинаулар
collection_public_page = жария бет
collection_steps = Әрі қарай не істеу керек
field_registration_number = Тіркеу немесе хабарлама нөмірі
field_closing_report = Қорытынды есеп: қанша жиналды, қанша жұмсалды және қалдық не болады
collection_step_submit = Тіркеуге жіберу
collection_step_register = Тіркеу
collection_step_reject = Қабылдамау
collection_step_activate = Қайырмалдық қабылдауды ашу
collection_step_suspend = Тоқтата тұру
collection_step_resume = Қайта жалғастыру
collection_step_close = Жинауды жабу
collection_step_report = Қорытынды есепті жариялау
collection_step_withdraw = Өңдеу үшін қайтарып алу
collection_record_donation = Қайырмалдықты енгізу
field_channel = Қалай түсті
field_bank_document = Банк құжатының нөмірі
field_box_number = Қайырымдылық жәшігінің нөмірі
field_act = Акт (нөмірі, кім қол қойды)
collection_submit_expense = Шығысты енгізу
field_expense_category = Санат
field_expense_description = Не үшін (көмек алушылардың аты-жөнінсіз)
field_payee = Кімге төленді (ұйым)
field_receipt = Түбіртек (PDF немесе фото)
expense_approve = Бекіту
expense_reject = Қабылдамау
donor_anonymous = Аноним
organization_not_verified = Жинауды тек тексерілген ұйым аша алады.
collection_not_active = Бұл жинау қазір қайырмалдық қабылдамайды.
collection_not_editable = Тек жоба күйіндегі немесе қабылданбаған жинауды өңдеуге болады.
collection_changed = Осы аралықта жинау өзгертілді; бетті қайта жүктеңіз.
box_number_taken = Әр қайырымдылық жәшігінің өз нөмірі болуы керек.
payments_not_configured = Картамен төлеу бапталмаған.
payment_unknown = Бұл төлем әзірге белгісіз.
signature_invalid = Хабарламаның қолтаңбасы жарамсыз.
collection_unknown = Мұндай жинау жоқ.
already_reversed = Қайтарым бұрын жасалған.
donation_duplicate = Бұл қайырмалдық бұрын тіркелген.

## Donation receipts
receipt_title = Қайырмалдық туралы түбіртек
receipt_organization = Ұйым
receipt_collection = Жинау
receipt_donor = Қайырымдылық жасаушы
receipt_amount = Сомасы
receipt_date = Күні
receipt_check_at = Түбіртекті тексеру:
receipt_valid = Түбіртек түпнұсқа: қайырмалдық есепке алынған.
receipt_refunded_status = Бұл қайырмалдық қайтарылды.
receipt_shown_as = Жария түрде көрсетілетін аты
receipt_in_log = Жария журналға жазылған, парақ
receipt_pdf = Түбіртекті жүктеу (PDF)
mail_donation_receipt_subject = Қайырмалдығыңыз туралы түбіртек { $code }
mail_donation_receipt_body = Қайырмалдығыңыз үшін рақмет! { $code } түбіртегі және оны тексеру: { $link }
    PDF түріндегі түбіртек: { $link }.pdf
concern_report = Бұзушылық туралы хабарлау
concern_text = Не күмән тудырады?
concern_contact = Сізбен қалай байланысуға болады (міндетті емес)
concern_send = Фронт-офиске жіберу
concern_received = Рақмет. Өңірлік фронт-офис хабарламаны қарайды.
concerns_title = Жинаулар туралы хабарламалар
concerns_none = Ашық хабарламалар жоқ.
concern_close = Қаралды деп белгілеу

## Gifts in kind and the closing report
quantity_malformed = Нөлден көп санды жазыңыз, мысалы 10 немесе 2,5.
too_many_files = Бір реттегі файл тым көп: ең көбі { $max }.
report_entries_pending = Бұл жинаудың кейбір ақша жазбалары әлі жария журналға түскен жоқ. Келесі бақылау нүктесінен кейін, бір минуттан соң қайталаңыз.
goods_condition_new = Жаңа
goods_condition_like_new = Жаңадай
goods_condition_good = Қолданылған, жақсы күйде
goods_condition_used = Тозған
goods_condition_needs_repair = Жөндеуді қажет етеді
goods_unit_piece = дана
goods_unit_pair = жұп
goods_unit_set = жиынтық
goods_unit_pack = қорап
goods_unit_box = жәшік
goods_unit_kg = кг
goods_unit_litre = л
goods_unit_metre = м
remainder_use_returned_to_donors = Қайырымдылық берушілерге қайтарылды
remainder_use_moved_to_collection = Басқа жинауға аударылды
remainder_use_kept_for_purpose = Сол мақсатқа қалдырылды
gift_record_title = Заттай қайырымдылықты жазу
gift_intro = Жинауға берілген заттар: не және қанша, олардың суреттері және қол қойылған қабылдау-тапсыру актісі. Олардың құны бағалау ретінде көрсетіледі және ешқашан ақша ретінде есептелмейді.
field_items = Не берілді (алушылардың аты-жөнінсіз)
field_quantity = Саны
field_unit = Өлшем бірлігі
field_condition = Күйі
field_estimate = Бағаланған құны, ₸ (міндетті емес)
field_photos = Суреттер (PNG, JPEG немесе WebP, 5-ке дейін)
field_handover_act = Қабылдау-тапсыру актісі (PDF немесе сурет)
field_donor_email = Түбіртек үшін қайырымдылық берушінің e-mail-ы (міндетті емес)
gifts_title = Заттай қайырымдылықтар
gifts_none = Заттай қайырымдылық әзірге жоқ.
gift_not_valued = бағаланбаған
gift_photo = Қайырымдылықтың суреті
gift_handover_act = қабылдау-тапсыру актісі
collection_in_kind_estimate = Заттай қайырымдылықтың бағаланған құны
collection_in_kind_hint = Заттар ақша емес: олардың бағаланған құны жиналған, жұмсалған сомаға және қалдыққа кірмейді.
field_remainder_use = Қалдық не болады
field_remainder_text = Сөзбен: кімге қайтарылады, қай жинауға, не үшін
report_form_hint = Жариялаған кезде сандар жария журналдың соңғы бақылау нүктесі бойынша есептеледі.
report_spent_by_category = Санаттар бойынша жұмсалды
report_computed_at = Ашық журналдың {"{"}at{"}"} кезіндегі {"{"}size{"}"} бақылау нүктесі бойынша есептелді.
report_published_on = Жарияланды
mail_collection_report_due_soon_subject = Жинаудың қорытынды есебінің мерзіміне бір апта қалды
mail_collection_report_due_soon_body = Сәлеметсіз бе, { $name }!

    «{ $purpose }» жинауының қорытынды есебін { $due } дейін жариялау керек. Оны жинау бетінде жариялаңыз:

    { $link }
mail_collection_report_overdue_subject = Жинаудың қорытынды есебінің мерзімі өтті
mail_collection_report_overdue_body = Сәлеметсіз бе, { $name }!

    «{ $purpose }» жинауының қорытынды есебін { $due } дейін жариялау керек еді; жинаудың жария бетінде енді оның мерзімі өткені көрсетілген. Оны жинау бетінде жариялаңыз:

    { $link }
my_donations_title = Менің қайырмалдықтарым
my_donations_intro = Жүйеге кіріп жасаған қайырмалдықтарыңыз, әрқайсысы өз түбіртегімен.
my_donations_none = Сіздің есептік жазбаңызда әзірге қайырмалдық жоқ. Жүйеге кіріп, картамен қайырмалдық жасасаңыз, олар осында көрінеді.
my_donations_find = Жинау табу
my_donations_amount = Сомасы
my_donations_date = Күні
my_donations_channel = Тәсілі
my_donations_receipt = Түбіртек
my_donations_receipt_pdf = PDF
my_donations_reversed = Қайтарылды
profile_donations_link = Менің қайырмалдықтарым мен түбіртектерім

## Charity in figures: an organization's annual report, a region's and the country's year
charity_annual_title = Қайырымдылық туралы жылдық есеп
charity_regional_title = Өңірдегі қайырымдылық
charity_national_title = Қазақстандағы қайырымдылық
charity_national_subject = Барлық өңірлер
charity_annual_link = Қайырымдылық туралы жылдық есеп
charity_regional_link = Қайырымдылық сандармен
charity_figures_year = Жыл сандармен
charity_figures_years = Басқа жылдар
charity_figures_item = Бап
charity_figures_amount = Сома
charity_figures_count = Саны
charity_figures_opening = Жыл басындағы қалдық
charity_figures_received = Түсті
charity_figures_received_total = Ақшалай түсті
charity_figures_reversed = Қайырымдылық берушілерге қайтарылды
charity_figures_spent = Жұмсалды
charity_figures_spent_total = Ақшалай жұмсалды
charity_figures_in_kind_received = Заттай алынды (бағаланған құны)
charity_figures_in_kind_given = Заттай берілді (құны)
charity_figures_closing = Соңындағы қалдық
charity_figures_donations = Қайырмалдықтар
charity_figures_by_month = Айлар бойынша
charity_figures_by_region = Өңірлер бойынша
charity_figures_download = Жүктеп алу
charity_figures_empty = Бұл кезеңде ештеңе жазылмаған.
charity_figures_checkpoint = Жария журналдың { $date } күнгі { $size } бақылау нүктесі бойынша есептелді: кез келген адам бұл сандарды сол бойынша қайта есептей алады.
charity_figures_no_checkpoint = Жария журналда әлі бақылау нүктесі жоқ: сандар біріншісімен бірге пайда болады.
charity_figures_collections_hint = Әр жинаудың бетінде оның қайырмалдықтары, чектері бар шығыстары және барлық жылдардағы есептері көрсетілген.

## Bank statement import
statements_title = Банк үзінділері
statements_back = Ұйымға оралу
statements_lead = Ұйым шотының үзіндісін жүктеңіз: әрбір түсім өзі арналған жинауға қайырмалдық ретінде бір рет жазылады — үзінді қанша рет жүктелсе де. Жинау көрсетілмеген түсімдер сіз бөлгенше күтеді.
statements_waiting_link = Бөлуді күтетін түсімдер: { $n }
statements_recent = Соңғы үзінділер
statements_none = Әзірге үзінді жоқ.
statement_upload_title = Үзіндіні тексеру
statement_upload_hint = Банкіңіз шығаратын CSV файлы (UTF-8 немесе Windows-1251; ұяшықтар нүктелі үтірмен, үтірмен немесе табуляциямен бөлінген) немесе XLSX файлы. Бағандар тақырыптары бойынша танылады; ештеңе жазылмас бұрын оларды өзгертуге болады.
statement_file = Үзінді файлы
statement_check = Үзіндіні тексеру
statement_unreadable = Файл оқылмайды: үзіндіні CSV (UTF-8 немесе Windows-1251) немесе XLSX түрінде сақтаңыз.
statement_empty = Үзіндіде тақырыптан кейін жол жоқ.
statement_mapping_incomplete = Транзакция идентификаторы, күн және сома бағандарын таңдаңыз.
statement_too_many_rows = Үзіндіде 100 000-нан көп жол бар: оны бөліңіз.
statement_row_unreadable = Бұл жолдың ұяшықтары үзінді тақырыбына сәйкес келмейді (артық немесе жетіспейтін ұяшық): транзакцияны оқу мүмкін емес, одан ештеңе жазылған жоқ.
statement_not_preview = Бұл үзінді жазылып қойған немесе тасталған.
statement_nothing_to_record = Бұл үзіндіден оқылатын бірде-бір түсім жоқ: бағандарын тексеріңіз.
statement_row_assigned = Бұл түсім бөлініп қойған.
statement_status_preview = Тексерілді, жазылмады
statement_status_applying = Жазылуда…
statement_status_applied = Жазылды
statement_status_discarded = Тасталды
statement_field_transaction_id = Транзакция идентификаторы
statement_field_date = Күні
statement_field_credit = Түсім (кредит)
statement_field_debit = Шығыс (дебет)
statement_field_payer = Төлеуші
statement_field_purpose = Төлем мақсаты
statement_field_account = Алушының шоты (IBAN)
statement_count_rows = Жолдар
statement_count_credits = Түсімдер
statement_count_debits = Шығыстар (өткізілді)
statement_count_refused = Қабылданбаған жолдар
statement_count_donations = Жаңа қайырмалдықтар
statement_count_waiting = Қолмен бөлуге
statement_count_known = Бұрын жазылған
statement_count_recorded = Қайырмалдық ретінде жазылды
statement_progress = Барысы
statement_mapping_title = Бағандар
statement_mapping_hint = Қай бағанда не бар. Транзакция идентификаторы — банктегі аударымның шот ішінде қайталанбайтын нөмірі: нөмірі бұрын жазылған аударым қайта жазылмайды.
statement_header_line = Тақырып жолы (нөмірі)
statement_column_none = — файлда жоқ —
statement_mapping_save = Осы бағандармен оқу
statement_confirm_title = Түсімдерді жазу
statement_confirm_hint = Әрбір түсім өз жинауына қайырмалдық болып жазылады және жария түрде анонимді болып көрсетіледі; қалғандары сіз бөлгенше күтеді.
statement_apply = { $n } түсімді жазу
statement_discard = Тастау
statement_errors_title = Қабылданбаған жолдар
statement_rows_title = Түсімдер
statement_outcome_donation = Жаңа қайырмалдық, жинау:
statement_outcome_waiting = Жинау табылмады: қолмен бөлу керек
statement_outcome_known = Бұрын жазылған: ештеңе өзгермейді
statement_waiting_title = Бөлуді күтетін түсімдер
statement_waiting_lead = Бұл аударымдар шотқа түсті, бірақ оларда жинау көрсетілмеген. Әрқайсысын ұйымның белсенді жинауларының біріне жатқызыңыз: ол сол жинаудың қайырмалдығы ретінде бір рет жазылады.
statement_waiting_none = Бөлуді күтетін түсім жоқ.
statement_no_active_collection = Ұйымның оларды жатқызатын белсенді жинауы жоқ.
statement_assign_to = Жинау
statement_assign = Жинауға жатқызу
flash_statement_started = Үзіндіні жазу басталды.
flash_statement_discarded = Үзінді тасталды.
flash_statement_assigned = Түсім қайырмалдық ретінде жазылды.
collection_transfer_reference = Банк аударымдарына арналған код
collection_transfer_reference_hint = Оны төлем мақсатына жазыңыз: сонда ұйымның банк үзіндісінен аударымның қай жинауға арналғаны көрінеді.
