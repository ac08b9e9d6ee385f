# erikti — русский

## Макет
site_tagline = Национальная волонтёрская платформа Казахстана
skip_to_content = Перейти к содержимому
nav_language = Язык
nav_main = Главное меню
nav_home = Главная
nav_api = API
nav_mailbox = Почтовый ящик
nav_profile = Профиль
nav_logout = Выйти
nav_login = Войти
nav_signup = Регистрация
footer_text = erikti — волонтёрская платформа и система учёта волонтёрской и благотворительной деятельности Казахстана.

## Главная
home_title = Волонтёры Казахстана — в одном месте
home_lead = Найдите доброе дело рядом с вами, участвуйте в мероприятиях и сменах и ведите электронную книжку волонтёра с подтверждёнными часами, которой доверяют вузы и работодатели.
home_cta_signup = Стать волонтёром
home_counters = erikti сегодня
home_count_volunteers = волонтёров
home_count_organizations = организаций и инициативных групп
home_count_hours = подтверждённых часов
home_what = Что делает erikti
home_volunteers_title = Волонтёрам
home_volunteers_text = Профиль, мероприятия рядом на вашем языке, отметка по QR-коду и книжка волонтёра с проверяемыми сертификатами.
home_orgs_title = Организациям
home_orgs_text = Проекты, мероприятия и смены с честной записью, учётом посещаемости и подтверждёнными часами, проверенными региональным фронт-офисом.
home_book_title = Электронная книжка волонтёра
home_book_text = Каждый подтверждённый час подписывается и встраивается в цепочку, поэтому никто не сможет незаметно его изменить.
home_help_title = Помощь нуждающимся
home_help_text = Заявка с сайта или по телефону через фронт-офис попадает к ближайшему подходящему волонтёру.

## Ошибки
error_title = Что-то пошло не так
not_found = Такой страницы не существует.
forbidden = У вас нет прав на это действие.
unauthenticated = Сначала войдите в систему.
csrf_failed = Срок действия формы истёк, или она отправлена с другого сайта. Вернитесь назад, обновите страницу и попробуйте снова.
unsupported_media_type = Такой тип тела запроса не принимается.
payload_too_large = Слишком большой запрос.
invalid_json = Тело запроса не является корректным JSON.
invalid_json_shape = В теле запроса нет ожидаемых полей.
invalid_query = Параметры запроса неверны (слишком большое число или значение не того вида).
rate_limited = Слишком много попыток. Подождите немного и попробуйте снова.
unavailable = Сервис временно недоступен. Попробуйте ещё раз чуть позже.
validation_failed = Некоторые поля нужно исправить.
link_invalid_title = Ссылка не работает
link_invalid = Эта ссылка недействительна, устарела или уже была использована.
login_failed = Неверная электронная почта или пароль.
login_unconfirmed = Сначала подтвердите электронную почту: откройте ссылку из нашего письма.
email_taken = Эта электронная почта уже используется другим аккаунтом.
iin_taken = Этот ИИН уже зарегистрирован в другом аккаунте.
email_unchanged = Это уже ваша текущая электронная почта.

## Проверка
required = Это поле обязательно.
too_long = Слишком длинно: не более { $max } символов.
too_short = Слишком коротко: не менее { $min } символов.
email_malformed = Введите адрес электронной почты в формате name@example.kz.
password_too_short = Пароль должен содержать не менее { $min } символов.
password_too_long = Пароль должен содержать не более { $max } символов.
password_too_common = Этот пароль слишком распространён. Выберите пароль, который сложнее подобрать.
password_same_as_email = Пароль не должен совпадать с электронной почтой.
iin_malformed = ИИН состоит из 12 цифр и начинается с даты рождения (ГГММДД).
iin_checksum = Этот ИИН недействителен: проверьте цифры (последняя — контрольная).
iin_birth_date_mismatch = ИИН не соответствует дате рождения.
phone_malformed = Введите номер телефона в формате +7 701 234 56 78.
date_malformed = Введите дату в формате ГГГГ-ММ-ДД.
date_in_future = Дата не может быть в будущем.
date_too_old = Слишком ранняя дата.
name_malformed = Используйте только буквы, пробелы, дефисы и апострофы.
region_unknown = Выберите регион из списка.
choice_unknown = Выберите вариант из списка.

## Поля
field_name = Ваше имя
field_email = Электронная почта
field_password = Пароль
field_display_name = Публичное имя
field_first_name = Имя
field_last_name = Фамилия
field_patronymic = Отчество
field_iin = ИИН
field_birth_date = Дата рождения
field_phone = Телефон
field_region = Регион
field_locality = Город или село
field_languages = Языки, которыми вы владеете
field_skills = Навыки
field_directions = Интересующие вас направления
field_availability = Когда вы свободны
password_hint = Не менее 10 символов; лучше всего — фраза из нескольких слов.
display_name_hint = Видно организациям и на публичных страницах.
iin_hint = 12 цифр. Никогда не показывается публично; из него берётся дата рождения.
birth_date_hint = Нужна, если вы не указали ИИН.
phone_hint = Видят только организаторы смен, на которые вас приняли, и сотрудники.
skills_hint = Через запятую, например: первая помощь, вождение.
availability_hint = например: выходные, вечера.
token_name_hint = Метка, по которой вы узнаете токен, например «мой скрипт».

## Регистрация, вход, пароль
signup_title = Регистрация
signup_intro = Создайте аккаунт волонтёра. Мы отправим ссылку для подтверждения на вашу электронную почту.
signup_submit = Зарегистрироваться
signup_have_account = Уже есть аккаунт? Войдите
signup_done_title = Проверьте электронную почту
signup_done = Если этот адрес можно использовать, письмо со ссылкой для подтверждения уже в пути. Откройте его, чтобы активировать аккаунт.
confirm_done_title = Электронная почта подтверждена
confirm_done = Ваша электронная почта подтверждена. Теперь вы можете войти.
email_changed_title = Электронная почта изменена
email_changed = Новая электронная почта подтверждена и теперь используется для вашего аккаунта.
login_title = Вход
login_submit = Войти
login_no_account = Ещё нет аккаунта? Зарегистрируйтесь
forgot_link = Забыли пароль?
forgot_title = Сброс пароля
forgot_intro = Введите электронную почту вашего аккаунта — мы отправим ссылку для установки нового пароля.
forgot_submit = Отправить ссылку
forgot_done_title = Проверьте электронную почту
forgot_done = Если этот адрес привязан к аккаунту, ссылка для сброса пароля уже в пути. Она действует 2 часа.
reset_title = Новый пароль
reset_submit = Сохранить пароль

## Разовые сообщения
flash_signed_out = Вы вышли из системы.
flash_signed_in = С возвращением!
flash_profile_saved = Профиль сохранён.
flash_password_changed = Пароль изменён. Войдите снова.
flash_token_revoked = Токен отозван.
flash_email_change_sent = Мы отправили ссылку для подтверждения на новый адрес. Электронная почта изменится после перехода по ней.

## Профиль
profile_title = Ваш профиль
profile_age = { $age ->
    [one] { $age } год
    [few] { $age } года
    [many] { $age } лет
   *[other] { $age } лет
}
profile_minor = Младше 18 лет
profile_personal = Личные данные
profile_private_note = Ваши ИИН, телефон и дата рождения никогда не показываются публично.
profile_iin_stored = Сохранённый ИИН
profile_save = Сохранить профиль
profile_email_title = Смена электронной почты
profile_email_submit = Отправить ссылку для подтверждения
profile_tokens_title = API-токены
profile_tokens_intro = Личные токены позволяют вашим программам работать с API erikti от вашего имени (Authorization: Bearer). Отзовите те, которыми больше не пользуетесь.
profile_token_created = Ваш новый токен. Скопируйте его сейчас: больше он показан не будет.
profile_tokens_none = У вас нет API-токенов.
profile_token_prefix = Начинается с
profile_token_created_at = Создан
profile_token_revoke = Отозвать
profile_token_create = Создать токен

## Почтовый ящик
mailbox_title = Почтовый ящик
mailbox_intro = Все письма, отправленные erikti, — сначала новые. Если SMTP не настроен, письма показываются только здесь и в журнале.
mailbox_empty = Писем пока нет.
mailbox_to = Кому

## Документация API
api_docs_title = Документация API
api_docs_intro = JSON API по адресу /api/v1. Чтобы получать переведённые сообщения, передавайте заголовок Accept-Language: kk, ru или en. Документ OpenAPI 3.1:
api_method = Метод
api_path = Путь
api_summary = Назначение
api_schemas = Схемы

## Письма
mail_confirm_subject = Подтвердите электронную почту для erikti
mail_confirm_body = Здравствуйте!

    Кто-то (надеемся, что вы) создал аккаунт erikti с этим адресом. Чтобы подтвердить его, откройте эту ссылку в течение 48 часов:

    { $link }

    Если это были не вы, просто проигнорируйте это письмо.

    — erikti
mail_already_registered_subject = Попытка регистрации в erikti
mail_already_registered_body = Здравствуйте!

    Кто-то попытался создать аккаунт erikti с этим адресом, но аккаунт с ним уже существует. Чтобы войти, перейдите по ссылке:

    { $link }

    Если вы забыли пароль, воспользуйтесь ссылкой «Забыли пароль?» на странице входа. Если это были не вы, просто проигнорируйте это письмо.

    — erikti
mail_reset_subject = Сброс пароля в erikti
mail_reset_body = Здравствуйте!

    Чтобы задать новый пароль для аккаунта erikti, откройте эту ссылку в течение 2 часов:

    { $link }

    Если вы этого не запрашивали, просто проигнорируйте это письмо: ваш пароль останется прежним.

    — erikti
mail_change_email_subject = Подтвердите новую электронную почту для erikti
mail_change_email_body = Здравствуйте!

    Чтобы использовать { $email } для аккаунта erikti, откройте эту ссылку в течение 48 часов:

    { $link }

    Если вы этого не запрашивали, просто проигнорируйте это письмо.

    — erikti

## Организации
nav_organizations = Организации
nav_front_office = Фронт-офис
nav_coordinators = Координаторы
nav_audit = Журнал аудита
directory_title = Организации и инициативные группы
directory_filters = Фильтры
directory_search = Название на любом языке
any = Все
field_direction = Направление
field_kind = Тип
directory_verified_only = Только проверенные
directory_apply = Показать
directory_found = Найдено: { $n }
badge_verified = Проверено
pager = Страницы
pager_prev = Предыдущая
pager_next = Следующая
org_kind_ngo = Зарегистрированное НПО
org_kind_state_institution = Государственное учреждение
org_kind_initiative_group = Инициативная группа
org_new_title = Регистрация организации
org_edit_title = Редактирование организации
org_names_hint = Укажите название хотя бы на одном языке.
bin_hint = 12 цифр; только для зарегистрированных НПО и государственных учреждений.
field_name_kk = Название на казахском
field_name_ru = Название на русском
field_name_en = Название на английском
field_bin = БИН
field_contact_email = Контактная электронная почта
field_contact_phone = Контактный телефон
field_website = Сайт
field_description_kk = Описание на казахском
field_description_ru = Описание на русском
field_description_en = Описание на английском
field_directions_org = Направления
field_activity_types = Виды деятельности
field_reason = Причина
org_save = Сохранить
org_status = Статус
org_status_registered = Зарегистрирована
org_status_verification_requested = Ожидает проверки
org_status_changes_requested = Запрошены изменения
org_status_verified = Проверена
org_status_rejected = Отклонена
org_status_suspended = Приостановлена
org_last_request = Последний запрос на проверку
request_status_open = ожидает рассмотрения фронт-офисом
request_status_verify = проверено
request_status_reject = отклонено
request_status_request_changes = запрошены изменения
org_members = Участники
role_org_owner = владелец
role_org_coordinator = координатор
org_remove_member = Исключить
org_make_owner = Сделать владельцем
org_manage = Управлять
org_request_verification = Запросить проверку
org_invite = Пригласить координатора
org_leave = Покинуть организацию
org_suspension = Приостановка
org_suspend = Приостановить
org_restore = Восстановить
audit_title = Журнал аудита
audit_when = Когда
audit_who = Кто
audit_what = Что
audit_why = Почему
audit_organization_created = организация создана
audit_organization_edited = организация изменена
audit_organization_logo = логотип изменён
audit_verification_requested = запрошена проверка
audit_verification_verify = проверка пройдена
audit_verification_reject = в проверке отказано
audit_verification_request_changes = запрошены изменения
audit_organization_suspended = приостановлена
audit_organization_restored = восстановлена
audit_member_invited = приглашён координатор
audit_member_joined = координатор присоединился
audit_member_removed = участник исключён
audit_member_left = участник вышел
audit_organization_ownership_transferred = права владельца переданы
audit_role_appointed = назначен региональный координатор
audit_role_removed = региональный координатор снят
audit_register_submitted = подана заявка в реестр
audit_register_under_review = заявка в реестр на рассмотрении
audit_register_included = включена в реестр
audit_register_refused = заявка в реестр отклонена
audit_register_excluded = исключена из реестра
invitation_title = Приглашение в организацию
invitation_accept = Принять приглашение
invitation_log_in = Сначала войдите (или зарегистрируйтесь), затем снова откройте ссылку из приглашения.
invitation_invalid = Это приглашение недействительно, устарело или уже было использовано.
queue_title = Очередь на проверку
queue_empty = Ожидающих организаций нет.
queue_org = Организация
queue_requested = Запрошено
queue_waited = Ожидание
waited_hours = { $n ->
    [one] { $n } час
    [few] { $n } часа
    [many] { $n } часов
   *[other] { $n } часа
}
waited_days = { $n ->
    [one] { $n } день
    [few] { $n } дня
    [many] { $n } дней
   *[other] { $n } дня
}
verification_title = Проверка
verification_open_org = Открыть страницу организации
verification_decision = Решение
decision_verify = Одобрить
decision_request_changes = Запросить изменения
decision_reject = Отклонить
reason_hint = Обязательно при отклонении или запросе изменений; организация увидит причину.
verification_submit = Сохранить решение
coordinators_title = Региональные координаторы
coordinators_appoint = Назначить
coordinators_remove = Снять
account_not_found = Нет аккаунта с этой электронной почтой.
flash_org_saved = Сохранено.
flash_verification_requested = Запрос отправлен во фронт-офис вашего региона.
flash_decision_saved = Решение сохранено, организация уведомлена.
flash_invitation_sent = Приглашение отправлено.
flash_invitation_accepted = Теперь вы координатор этой организации.
flash_member_removed = Участник исключён.
already_decided = По этому запросу уже принято решение.
log_tampered = Хранимые записи больше не совпадают с публичным журналом; администраторы оповещены.
log_alarm = Реестр больше не совпадает со своим публичным журналом. Запустите erikti ledger verify и сверьте с контрольной точкой свидетеля:
no_checkpoint = В публичном журнале пока нет записей.
already_requested = Проверка уже запрошена.
not_requested = Проверка не запрашивалась.
suspended = Организация приостановлена.
not_suspended = Организация не приостановлена.
already_suspended = Организация уже приостановлена.
not_included = Этой записи нет в реестре.
invalid_transition = В текущем состоянии это невозможно.
state_changed = Кто-то уже изменил эти данные. Обновите страницу и попробуйте снова.
owner_cannot_leave = Владелец не может выйти: сначала передайте права владельца.
bin_taken = Этот БИН уже использует другая организация.
not_a_member = Этот человек не состоит в организации.
already_applied = Заявка уже подана или запись уже включена в реестр.
bin_malformed = БИН состоит из 12 цифр и начинается с года и месяца регистрации (ГГММ).
bin_checksum = Этот БИН недействителен: проверьте цифры (последняя — контрольная).
url_malformed = Введите адрес в формате https://example.kz.
number_out_of_range = Введите целое число от { $min } до { $max }.
image_unsupported = Используйте изображение PNG, JPEG или WebP.
image_too_large = Изображение слишком большое: не более { $max_kib } КиБ.
at_least_one_name = Укажите название хотя бы на одном языке.
reason_required = Укажите причину.
mail_org_verify_subject = Ваша организация прошла проверку в erikti
mail_org_verify_body = Здравствуйте!

    Региональный фронт-офис проверил организацию «{ $name }». Отметка «Проверено» теперь показывается везде, где она предусмотрена:

    { $link }

    — erikti
mail_org_reject_subject = Проверка в erikti не пройдена
mail_org_reject_body = Здравствуйте!

    Региональный фронт-офис отклонил запрос на проверку организации «{ $name }». Причина: { $reason }

    { $link }

    — erikti
mail_org_request_changes_subject = Для вашей организации в erikti запрошены изменения
mail_org_request_changes_body = Здравствуйте!

    Прежде чем провести проверку организации «{ $name }», региональный фронт-офис просит внести изменения: { $reason }

    Отредактируйте данные организации и снова запросите проверку:

    { $link }

    — erikti
mail_org_suspended_subject = Ваша организация в erikti приостановлена
mail_org_suspended_body = Здравствуйте!

    Организация «{ $name }» приостановлена. Причина: { $reason }

    { $link }

    — erikti
mail_org_restored_subject = Ваша организация в erikti восстановлена
mail_org_restored_body = Здравствуйте!

    Организация «{ $name }» восстановлена. Примечание: { $reason }

    { $link }

    — erikti
mail_invitation_subject = erikti: приглашение в организацию «{ $name }»
mail_invitation_body = Здравствуйте!

    Вас приглашают стать координатором организации «{ $name }» в erikti. Войдите (или зарегистрируйтесь с этой электронной почтой), затем откройте эту ссылку в течение 7 дней:

    { $link }

    — erikti

## Реестр волонтёрской деятельности
nav_register = Реестр
nav_register_admin = Решения по реестру
register_title = Реестр волонтёрской деятельности
register_intro = Волонтёры и организации, включённые в реестр волонтёрской деятельности (правила 2024 года). Включение добровольное, по заявке.
register_apply_title = Подать заявку в реестр
register_apply_intro = Подайте заявку от своего имени или от организации, владельцем которой вы являетесь. Решение принимает министерство, о нём вам сообщат по электронной почте.
register_applicant = Заявитель
register_as_volunteer = Я как волонтёр
register_submit = Отправить заявку
register_mine = Ваши заявки
register_admin_title = Заявки в реестр
register_include = Включить
register_refuse = Отклонить
register_exclude = Исключить
register_col_name = Имя / название
register_col_kind = Заявитель
register_col_participants = Участники
register_col_projects = Проекты
register_col_included = Дата включения
register_kind_volunteer = Волонтёр
register_kind_organization = Организация
register_status_submitted = подана
register_status_under_review = на рассмотрении
register_status_included = включена
register_status_refused = отклонена
register_status_excluded = исключена
register_profile_region = Сначала выберите регион в профиле.
field_participants = Количество участников
flash_register_submitted = Заявка отправлена.
mail_register_included_subject = Включение в реестр волонтёрской деятельности
mail_register_included_body = Здравствуйте!

    Запись «{ $name }» включена в реестр волонтёрской деятельности.

    { $link }

    — erikti
mail_register_refused_subject = Заявка в реестр отклонена
mail_register_refused_body = Здравствуйте!

    Заявка «{ $name }» в реестр волонтёрской деятельности отклонена. Причина: { $reason }

    { $link }

    — erikti
mail_register_excluded_subject = Исключение из реестра волонтёрской деятельности
mail_register_excluded_body = Здравствуйте!

    Запись «{ $name }» исключена из реестра волонтёрской деятельности. Причина: { $reason }

    { $link }

    — erikti
field_logo = Логотип
logo_hint = PNG, JPEG или WebP, не более 512 КБ.
logo_upload = Загрузить логотип
invalid_form = Не удалось прочитать форму. Попробуйте ещё раз.

## Возможности
end_before_start = Окончание должно быть позже начала.
in_past = Время должно быть в будущем.
too_long_span = Слишком долго: не более { $max_hours } ч.
time_malformed = Введите время как ЧЧ:ММ, например 10:00.
outside_kazakhstan = Точка должна быть на территории Казахстана.
too_many_shifts = Слишком много смен за раз: не более { $max }.
no_shifts_in_range = В этом периоде нет выбранных дней недели.
org_not_verified = Публиковать мероприятия может только проверенная организация.
age_unknown = Добавьте в профиль дату рождения (или ИИН): у этого мероприятия есть возрастные ограничения.
below_min_age = Вы младше минимального возраста этого мероприятия.
minor_activity_type = Волонтёры младше 18 лет не могут участвовать в таком виде деятельности (помощь при чрезвычайных ситуациях и бедствиях).
minor_hazardous = Волонтёры младше 18 лет не могут участвовать в опасных мероприятиях.
event_not_open = Это мероприятие не принимает заявки.
overlapping_shift = У вас уже есть принятая смена в это время.
shift_full = В этой смене нет мест.
not_cancellable = Эту заявку уже нельзя отменить.
nav_events = Возможности
events_title = Волонтёрские возможности
event_free_places = свободных мест: { $n }
event_shifts = Смены
event_shift_time = Когда
event_free = Свободные места
event_apply = Подать заявку
event_join_waitlist = Встать в лист ожидания
event_login_to_apply = Войдите, чтобы подать заявку
event_cancel = Отменить
event_status_draft = Черновик: ещё не опубликовано.
event_status_published = Опубликовано
event_status_completed = Это мероприятие завершено.
event_status_cancelled = Это мероприятие отменено.
application_status_accepted = принята
application_status_waitlisted = в листе ожидания
application_status_pending = ожидает решения
application_status_cancelled = отменена
application_status_rejected = отклонена
application_status_checked_in = отмечен(а)
application_status_completed = завершена
application_status_no_show = не пришёл(ла)
flash_application_accepted = Вы приняты. До встречи!
flash_application_waitlisted = Мест нет: вы в листе ожидания, мы сообщим, если место освободится.
flash_application_pending = Заявка получена и ожидает решения.
flash_application_cancelled = Ваша заявка отменена.
delivery_pending = ожидает отправки
delivery_sent = отправлено
delivery_logged = записано в журнал (нет SMTP)
delivery_failed = не отправлено
## Возможности: формы, управление, посещаемость, уведомления
field_title_kk = Название на казахском
field_title_ru = Название на русском
field_title_en = Название на английском
field_address = Адрес
field_lat = Широта
field_lon = Долгота
field_time_zone = Часовой пояс
field_min_age = Минимальный возраст
field_contact_name = Контактное лицо
field_date_from = Первый день
field_date_to = Последний день
field_start_time = Время начала
field_end_time = Время окончания
field_capacity = Количество мест
field_description = Описание
field_activity_type = Вид деятельности
field_mode = Как принимаются решения по заявкам
field_online = Онлайн
field_hazardous = Опасное (закрыто для несовершеннолетних)
field_motivation = Почему вы хотите помочь (необязательно)
field_weekdays = Дни недели
field_parent_name = ФИО родителя
field_parent_contact = Телефон или электронная почта родителя
field_consent_date = Дата письменного согласия
save = Сохранить
actions = Действия
back = Назад
minor = младше 18
form_has_errors = Исправьте поля, отмеченные ниже.
event_new_title = Новое мероприятие
event_edit_title = Редактирование мероприятия
event_point_hint = Точка на карте, например 43.2389 и 76.8897 (Алматы). Для онлайн-мероприятий оставьте пустым.
event_skills_hint = Перечислите навыки через запятую, например: первая помощь, вождение.
event_mode_first_come = В порядке очереди: заявка принимается сразу, пока есть места
event_mode_moderated = С модерацией: решение принимает координатор
event_mode = Заявки
event_online = Онлайн
event_on_site = Очно
event_place = Где
event_requirements = Требования
event_min_age = { $n ->
    [one] с { $n } года
   *[other] с { $n } лет
}
event_hazardous = Опасное: только для взрослых
event_contact = Контактное лицо
event_manage = Управление мероприятием
event_public_page = Публичная страница
event_edit = Редактировать
event_publish = Опубликовать
event_complete = Отметить как завершённое
event_cancel_event = Отменить мероприятие
event_taken = Занято
event_ics = Добавить смены в календарь (.ics)
event_shift_past = уже началась
events_from = С
events_to = По
events_format = Формат
events_near = Рядом с точкой
events_km = Радиус, км
events_sort = Сортировка
events_sort_date = по дате
events_sort_distance = по расстоянию
events_suitable = Только подходящие мне
events_distance = в { $km } км от вас
series_title = Добавить смены
series_hint = В каждый выбранный день недели с первого по последний день, в одни и те же часы и с тем же количеством мест (часовой пояс { $tz }). Для одной смены укажите только первый день.
series_date_to_hint = Если пусто — только первый день.
series_add = Добавить смены
weekday_mon = Пн
weekday_tue = Вт
weekday_wed = Ср
weekday_thu = Чт
weekday_fri = Пт
weekday_sat = Сб
weekday_sun = Вс
shift_applications = Заявки
shift_qr = QR-код для отметки
qr_valid_until = Действует до { $time }; страница обновляет код сама.
bulk_title = С отмеченными заявками
bulk_select = Выбрать
bulk_accept = Принять отмеченные
bulk_reject = Отклонить отмеченные (с указанием причины)
bulk_refused = { $n ->
    [one] { $n } заявка осталась без решения:
    [few] { $n } заявки остались без решения:
    [many] { $n } заявок остались без решения:
   *[other] { $n } заявки остались без решения:
}
decision_accept = Принять
move_to = Перенести на смену
consent_needed = Младше 16 лет: до принятия заявки нужно зафиксировать письменное согласие родителя.
consent_record = Зафиксировать согласие
attendance_check_in = Отметить приход
attendance_check_out = Отметить уход
attendance_no_show = Не пришёл(ла)
check_in_title = Отметка о приходе
check_in_text = Подтвердите, что вы сейчас на смене.
check_in_confirm = Я на месте
flash_checked_in = Вы отмечены. Спасибо, что пришли!
flash_event_saved = Мероприятие сохранено.
flash_shifts_added = Смены добавлены.
flash_saved = Сохранено.
my_applications_title = Мои заявки
my_applications_none = Вы ещё не подавали заявок.
application_needs_consent = { $age ->
    [one] Ожидается письменное согласие родителя (обязательно для волонтёров младше { $age } года): спросите организатора, как его передать.
   *[other] Ожидается письменное согласие родителя (обязательно для волонтёров младше { $age } лет): спросите организатора, как его передать.
}
application_event_cancelled = Мероприятие отменено.
notify_title = Уведомления по электронной почте
notify_legend = Присылать мне письма
notify_decisions = о решениях по моим заявкам
notify_waitlist = о месте для меня из листа ожидания
notify_cancellations = об отменённых мероприятиях
notify_reminders = с напоминанием накануне смены
calendar_title = Подписка на календарь
calendar_text = Подпишитесь на этот личный адрес в приложении-календаре, чтобы видеть свои смены. Держите его в секрете; его можно обновить или отключить в любой момент.
calendar_create = Создать адрес календаря
calendar_renew = Новый адрес (старый перестанет работать)
calendar_revoke = Отключить
calendar_name = Мои смены в erikti
check_in_token_invalid = Этот код для отметки недействителен. Отсканируйте код на экране организатора ещё раз.
check_in_token_expired = Срок действия этого кода для отметки истёк. Отсканируйте новый код на экране организатора.
check_in_not_yet = Отметка открывается за час до начала смены.
check_in_closed = Смена закончилась: отметка закрыта.
consent_missing = Сначала нужно зафиксировать согласие родителя.
consent_not_required = Эта заявка не ожидает согласия.
not_accepted = Отмечать приход или посещение можно только по принятой заявке.
already_checked_in = Приход уже отмечен.
not_checked_in = Приход не отмечен.
capacity_below_accepted = Принятых участников уже больше, чем это количество мест.
other_event = Эта смена относится к другому мероприятию.
mail_application_received_subject = Заявка получена: { $event }
mail_application_received_body = Здравствуйте, { $name }!

    Мы получили вашу заявку на мероприятие «{ $event }» ({ $start }). Её статус: { $status }.

    { $link }
mail_accepted_subject = Вы приняты: { $event }
mail_accepted_body = Здравствуйте, { $name }!

    Вы приняты на мероприятие «{ $event }» ({ $start }). До встречи!

    { $link }
mail_rejected_subject = Заявка не принята: { $event }
mail_rejected_body = Здравствуйте, { $name }!

    Ваша заявка на мероприятие «{ $event }» ({ $start }) не принята. Причина, указанная организатором: { $reason }

    { $link }
mail_promoted_subject = Для вас освободилось место: { $event }
mail_promoted_body = Здравствуйте, { $name }!

    На мероприятии «{ $event }» ({ $start }) освободилось место, и оно ваше: вы приняты. Если не сможете прийти, пожалуйста, отмените заявку, чтобы место досталось следующему.

    { $link }
mail_moved_subject = Ваша смена изменилась: { $event }
mail_moved_body = Здравствуйте, { $name }!

    Организатор перенёс вашу заявку на другую смену мероприятия «{ $event }»: { $start }. Статус: { $status }.

    { $link }
mail_consent_recorded_subject = Согласие зафиксировано: { $event }
mail_consent_recorded_body = Здравствуйте, { $name }!

    Согласие вашего родителя на участие в мероприятии «{ $event }» ({ $start }) зафиксировано. Статус: { $status }.

    { $link }
mail_event_cancelled_subject = Отменено: { $event }
mail_event_cancelled_body = Здравствуйте, { $name }!

    Организатор отменил мероприятие «{ $event }». Причина: { $reason }

    { $link }
mail_shift_reminder_subject = Завтра: { $event }
mail_shift_reminder_body = Здравствуйте, { $name }!

    Напоминаем: ваша смена на мероприятии «{ $event }» начинается { $start }. Если не сможете прийти, пожалуйста, отмените заявку, чтобы вместо вас мог пойти кто-то другой.

    { $link }
mail_pending_reminder_subject = Заявки ждут вашего решения
mail_pending_reminder_body = Здравствуйте, { $name }!

    Заявок, которые уже несколько дней ждут решения: { $n }. Волонтёры ждут вашего ответа; заявки без ответа передаются во фронт-офис региона.

    { $events }
export_shift = Смена
export_name = Имя
export_status = Статус
export_applied = Заявка подана
export_checked_in = Приход отмечен
export_checked_out = Уход отмечен
org_median_response = Медианное время ответа на заявки: { $time }
duration_minutes = { $n } мин
duration_hours = { $n } ч
queue_escalated = Заявки, оставшиеся без ответа слишком долго
queue_escalated_empty = Нет заявок, которые ждут слишком долго.
queue_event = Мероприятие
shift_started = Эта смена уже началась.
org_projects = Проекты
field_project = Проект
field_goals = Цели
project_create = Добавить проект

## Электронная книжка волонтёра
nav_book = Моя книжка
book_title = Моя книжка волонтёра
book_total = Подтверждённые часы
book_only_confirmed = Учитываются только часы, подтверждённые организацией; каждое подтверждение подписано платформой и может быть проверено.
book_by_year = По годам
book_by_direction = По направлениям
book_by_organization = По организациям
book_by_activity = По видам деятельности
book_other = Другое
book_entries = Записи
book_none = Часов пока нет. Они появятся здесь после первой смены.
book_organization = Организация
book_hours = Часы
book_source = Источник
book_status = Статус
book_dispute = Обратиться во фронт-офис
book_claim_title = Заявить часы за прошедшую деятельность
book_claim_hint = Организация подтвердит или отклонит их. Часы, например 2 или 1,5.
book_description = Что вы делали
book_claim_submit = Отправить на подтверждение
field_date = Дата
choose = Выбрать
hours_source_attendance = Участие в смене
hours_source_claim = Заявление
hours_source_help_request = Просьба о помощи
hours_source_import = Бумажная запись
hours_status_claimed = Ждёт подтверждения
hours_status_confirmed = Подтверждено
hours_status_rejected = Отклонено
hours_status_disputed = На рассмотрении фронт-офиса
hours_status_reversed = Отменено
flash_hours_claimed = Ваши часы отправлены организации на подтверждение.
flash_hours_disputed = Фронт-офис региона рассмотрит эти часы.
org_hours_title = Часы на подтверждение
org_hours_link = Часы на подтверждение
org_hours_none = Нет часов, ожидающих подтверждения.
org_hours_volunteer = Волонтёр
org_hours_reason_hint = Обязательна для отклонения.
org_hours_confirm = Подтвердить выбранные
org_hours_reject = Отклонить выбранные
not_confirmed = Эти часы не подтверждены.
too_early_to_dispute = У организации ещё есть время ответить. Обратиться во фронт-офис можно после срока ожидания.
mail_hours_confirmed_subject = Ваши часы подтверждены: { $hours } ч.
mail_hours_confirmed_body = Здравствуйте, { $name }!

    { $hours } ч. за { $date } подтверждены и внесены в вашу книжку волонтёра.

    { $link }
mail_hours_rejected_subject = Ваши часы не подтверждены
mail_hours_rejected_body = Здравствуйте, { $name }!

    { $hours } ч. за { $date } не подтверждены. Причина: { $reason }
    Если вы не согласны, обратитесь во фронт-офис своего региона из книжки.

    { $link }
mail_hours_reversed_subject = Исправление в вашей книжке волонтёра
mail_hours_reversed_body = Здравствуйте, { $name }!

    { $hours } ч. за { $date } сняты с вашей книжки. Причина: { $reason }

    { $link }
cert_title = Справка о волонтёрской деятельности
cert_subtitle = Электронная книжка волонтёра Республики Казахстан — подтверждённые часы
cert_holder = Владелец
cert_total = Подтверждённые часы
cert_hours_unit = ч.
cert_period = Период
cert_no_hours = Нет подтверждённых часов за этот период
cert_issued = Выдана
cert_code = Код
cert_verify_at = Проверьте справку, отсканировав код, или по адресу:
cert_signed = Подписано платформой:
cert_list_title = Справки
cert_request_hint = Справка подтверждает ваши часы: все, за период или в одной организации. Вузы и работодатели проверяют её по коду, в том числе без интернета.
cert_all_organizations = Все организации
cert_request = Получить справку
cert_verify_link = Проверить
flash_certificate_issued = Ваша справка готова.
verify_title = Проверка справки
verify_valid = Справка подлинная: выдана платформой и с тех пор не изменялась.
verify_invalid = Подпись справки не сходится: не доверяйте ей.
verify_revoked = Отозвана
verify_how = Справка подписана ключом Ed25519 платформы; открытые ключи опубликованы по адресу
verify_log_recorded = Записи внесены в публичный журнал: контрольная точка { $n } от { $date }.
verify_log_reversed = Записи, на которых основана справка, были отменены { $date }.
verify_log_broken = Записи, на которых основана справка, больше не совпадают с публичным журналом: не доверяйте ей.
verify_log_none = Справка выдана до появления публичного журнала: можно проверить только её подпись.
verify_log_how = Каждый подтверждённый час — лист публичного журнала Меркла, подписанные контрольные точки которого может засвидетельствовать любой:
verify_log_link = последняя контрольная точка
certificate_unknown = Справки с таким кодом нет.
already_revoked = Эта справка уже отозвана.
benefit_title = Льготы
benefit_student_voucher = Социальная путёвка студента (текущий учебный год, учитывается не более 70 часов)
benefit_badge_500 = Знак «500 часов»
benefit_tier_first = достигнута первая ступень
benefit_tier_second = достигнута вторая ступень
benefit_achieved = достигнуто
benefit_left = осталось { $hours } ч.
org_hours_export = Скачать подтверждённые часы (CSV)
queue_disputed = Спорные часы
queue_disputed_empty = Спорных часов нет.

## Public book
public_book_title = Книжка волонтера
public_book_hint = Показаны только часы, подтвержденные организациями и записанные в подписанный реестр. Владелец сам открыл эту книжку; его контакты не показываются никогда. Открытые ключи:
book_none_public = Подтвержденных часов пока нет.
public_book_switch_title = Открытая книжка
public_book_switch_hint = Открытая книжка показывает ваше имя, первую букву фамилии, регион и подтвержденные часы — но никогда ИИН, телефон, e-mail или адрес.
public_book_switch = Показывать мою книжку всем
public_book_open = Открыть мою открытую книжку
flash_book_public = Ваша книжка теперь открыта.
flash_book_private = Ваша книжка снова закрыта.

## Import of paper records
import_title = Импорт бумажных записей
import_lead = Часы, записанные на бумаге до платформы: каждая строка попадает в книжку волонтера с этим ИИН или e-mail, подтвержденной вами, или ждет, пока он зарегистрируется.
import_upload_title = Проверить файл
import_columns_hint = Файл CSV (запятая, точка с запятой или табуляция) или XLSX со строкой заголовков: iin или email, name, date (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ), hours (2,5), region (KZ-55); по желанию direction, activity_type, description. Шаблон:
import_all_regions = Все регионы
import_file = Файл
import_check = Проверить файл
import_recent = Последние импорты
import_none = Импортов пока нет.
import_uploaded = Загружен
import_status = Статус
import_rows = Строк
import_valid = Верных
import_refused = Отклонено
import_status_preview = Проверен, не импортирован
import_status_applying = Импорт идет…
import_status_applied = Импортирован
import_status_discarded = Отброшен
import_imported = В книжки
import_held = Ждут регистрации
import_progress = Ход импорта
import_confirm_title = Импортировать верные строки
import_confirm_hint = { $n ->
    [one] Верна { $n } строка. Пока ничего не импортировано; отклоненные строки импортированы не будут.
    [few] Верны { $n } строки. Пока ничего не импортировано; отклоненные строки импортированы не будут.
   *[other] Верно { $n } строк. Пока ничего не импортировано; отклоненные строки импортированы не будут.
}
import_apply = { $n ->
    [one] Импортировать { $n } верную строку
    [few] Импортировать { $n } верные строки
   *[other] Импортировать { $n } верных строк
}
import_nothing_valid = Ни одна строка файла не верна: исправьте файл и проверьте снова.
import_discard = Отбросить
import_errors_title = Отклоненные строки
import_errors_more = Всего отказов: { $n }; показаны первые 1 000.
import_line = Строка
import_column = Столбец
import_problem = Ошибка
import_rows_title = Верные строки
import_column_iin = ИИН
import_column_email = E-mail
import_column_name = ФИО
import_column_date = Дата
import_column_hours = Часы
import_column_region = Регион
import_column_direction = Направление
import_column_activity_type = Вид деятельности
import_column_description = Описание
import_row_preview = Верна
import_row_imported = В книжке
import_row_held = Ждет регистрации
flash_import_started = Импорт начат.
flash_import_discarded = Файл отброшен; ничего не импортировано.
import_empty_file = В файле нет строк.
import_missing_column = В строке заголовков нет обязательного столбца.
import_too_many_rows = В файле больше 100 000 строк: разделите его.
import_unreadable = Файл не читается: сохраните его как CSV (UTF-8) или XLSX.
import_identity_required = Укажите ИИН или e-mail волонтера.
import_region_not_yours = Это не ваш регион.
import_duplicate_row = Такая же строка уже есть выше в файле.
import_not_preview = Этот файл уже импортирован или отброшен.
import_link = Импорт бумажных записей

## Help requests
help_sms_code = erikti: ваш код { $code }. Он подтверждает вашу просьбу о помощи.
help_sms_done = erikti: волонтер сообщает, что помощь оказана. Чтобы подтвердить, введите код { $code }.
help_type_delivery = Доставка продуктов или лекарств
help_type_home_help = Помощь по дому
help_type_accompaniment = Сопровождение
help_type_online_consultation = Онлайн-консультация
help_type_other = Другая помощь
help_reason_distance = в { $km } км
help_reason_distance_approximate = примерно в { $km } км (от центра региона)
help_reason_speaks_language = говорит на языке человека
help_reason_no_common_language = не говорит на языке человека
help_reason_skills = навыков: { $matched } из { $wanted }
help_reason_free = свободен в желаемое время
help_reason_busy = занят в желаемое время
help_reason_load = просьб в работе: { $n }
help_reason_no_shows = пропущенных смен: { $n }
phone_code_wrong = Код неверен или устарел. Проверьте SMS или запросите новый код.
minor_home_visit = Визиты на дом — только для совершеннолетних волонтеров.
minor_emergency = Экстренные вызовы — только для совершеннолетних волонтеров.
request_taken = Эту просьбу уже взял другой волонтер.
help_not_offered = Эта просьба вам не предлагалась. Региональный фронт-офис предлагает каждую просьбу волонтерам, которые лучше всего могут помочь, и взять ее могут только они.
help_not_offered_hint = Взять эту просьбу могут только волонтеры, которым ее предложил региональный фронт-офис. Если ее предложат вам, она появится в разделе «Предложены мне» на странице ваших просьб о помощи.
help_closed = Эта просьба закрыта.
help_taken = Эту просьбу уже взяли.
nobody_chosen = Выберите хотя бы одного волонтера.
already_confirmed = Это уже подтверждено.
mail_help_offered_subject = Рядом с вами нужна помощь: { $help }
mail_help_offered_body = Здравствуйте, { $name }!

    Фронт-офис спрашивает, можете ли вы помочь: { $help }, { $place }. Просьбу получит первый согласившийся волонтер.

    { $link }
mail_help_taken_subject = Просьбу уже взяли: { $help }
mail_help_taken_body = Эту просьбу ({ $help }) взял другой волонтер. Спасибо за готовность помочь.
mail_emergency_call_subject = Экстренный вызов: { $event }
mail_emergency_call_body = Здравствуйте, { $name }!

    Вызываются волонтеры рядом с вами: { $event }. Если можете прийти, ответьте на вызов:

    { $link }

## Help request pages
help_title = Попросить о помощи
help_lead = Расскажите, что нужно. Придет волонтер, живущий рядом; сначала вам позвонит фронт-офис региона. Ваш телефон, адрес и имя видят только фронт-офис и волонтер, который поможет.
help_intake_title = Просьба, принятая по телефону
help_intake_lead = Заполните то, что говорит звонящий. Телефон считается подтвержденным: вы говорили с человеком.
help_field_category = Кому нужна помощь
help_field_type = Какая помощь
help_field_description = Что нужно
help_field_locality = Город, село или район
help_field_address = Адрес
help_field_phone = Телефон
help_field_name = Имя человека
help_field_point = Место на карте (необязательно)
help_point_hint = Если знаете координаты (их показывает приложение карт), укажите их; иначе фронт-офис найдет адрес.
help_field_lang = На каком языке говорить
help_field_urgency = Насколько срочно
help_field_when = Удобное время (необязательно)
help_field_preferred_from = С
help_field_preferred_to = До
help_privacy_note = Ваш телефон, адрес и имя видят только фронт-офис вашего региона и волонтер, взявший просьбу. Через некоторое время после помощи они удаляются.
help_submit = Отправить просьбу
help_urgency_critical = Очень срочно
help_urgency_high = Срочно
help_urgency_normal = Не срочно
help_code_title = Введите код из SMS
help_code_lead = Мы отправили код на ваш телефон. Введите его, чтобы подтвердить просьбу.
help_field_code = Код
help_code_submit = Подтвердить
help_code_resend = Отправить код еще раз
help_code_confirmed = Ваша просьба подтверждена. Фронт-офис вашего региона вам позвонит.
help_thanks_title = Спасибо
help_done_title = Помощь оказана?
help_done_lead = Введите код из SMS, чтобы подтвердить, что волонтер вам помог. Можете добавить несколько слов.
help_done_confirmed = Спасибо: помощь подтверждена.
help_field_feedback = Ваши слова
help_field_rating = Оценка
flash_code_sent = Новый код отправлен.
flash_help_filed = Просьба принята.
flash_call_raised = Вызов объявлен; волонтеры рядом оповещены.
help_desk_title = Просьбы о помощи
help_queue_new = Новые, к рассмотрению
help_queue_open = Одобрены, ждут волонтера
help_queue_taken = Взяты
help_queue_done = Выполнены
help_none = Нет.
help_filed = Подана
help_status = Статус
help_status_new = новая
help_status_triaged = одобрена
help_status_offered = предложена
help_status_assigned = взята
help_status_in_progress = выполняется
help_status_completed = выполнена
help_status_cancelled = отменена
help_status_rejected = отклонена
help_status_duplicate = дубликат
help_triage = Рассмотрение
help_approve = Одобрить
help_duplicate = Отметить как дубликат
help_duplicate_of = Ключ исходной просьбы
help_cancel = Отменить просьбу
help_ranked = Волонтеры, которые могут помочь, лучшие первыми
help_offer = Предложить
help_why = Почему
help_offer_submit = Предложить выбранным волонтерам
help_take = Я помогу
help_decline = Не в этот раз
help_start = Я выехал(а)
help_minutes = Потрачено минут
help_complete = Выполнено
help_release = Вернуть
help_confirmed_by_phone = Человек подтвердил по телефону
help_person_confirmed = Подтверждено человеком
my_help_title = Мои просьбы о помощи
my_help_offered = Предложены мне
my_help_taken = Взяты мной
my_help_near = Открытые рядом со мной
my_help_near_hint = Региональный фронт-офис предлагает эти просьбы волонтерам, которые лучше всего могут помочь. Когда просьбу предложат вам, она появится в разделе «Предложены мне», и вы сможете ее взять.
my_help_point = Мое место для просьб рядом
my_help_point_hint = Скрыто: служит только для поиска просьб и экстренных вызовов рядом с вами. Оставьте пустым, чтобы использовать ваш регион.
emergency_title = Экстренный вызов
emergency_raise_title = Объявить экстренный вызов
emergency_raise_lead = Совершеннолетние волонтеры в пределах радиуса (с одним из навыков, если вы их укажете) оповещаются сразу.
emergency_field_title = Что случилось
emergency_field_radius = Радиус, км
emergency_field_skills = Нужные навыки (через запятую)
emergency_field_when = Когда
emergency_raise = Объявить вызов
emergency_open = Открытые экстренные вызовы
emergency_answer = Я приду
emergency_roll = Перекличка
emergency_notified = Оповещено волонтеров: { $n }.
emergency_mark = Отметка
emergency_close = Закрыть вызов
emergency_status_open = открыт
emergency_status_closed = закрыт
emergency_roll_present = на месте
emergency_roll_safe = в безопасности
nav_help = Попросить о помощи
nav_my_help = Просьбы о помощи

## Благотворительные сборы
amount_malformed = Введите сумму в тенге, например 1 500 или 1 500,50.
amount_not_positive = Сумма должна быть больше нуля.
amount_fractional_tiyn = Не более двух знаков после запятой (тиыны). Тысячи отделяйте пробелами: 1 500.
amount_too_large = Слишком большая сумма: не более 1 000 000 000 000 ₸.
iban_malformed = Казахстанский счёт (IBAN) состоит из 20 знаков: KZ, две контрольные цифры и 16 букв или цифр, например KZ86 125K ZT50 0410 0100.
iban_checksum = Этот IBAN недействителен: проверьте знаки (две цифры после KZ — контрольные).
account_is_card = Это номер платёжной карты. Деньги сбора поступают на банковский счёт (IBAN) организации, а не на личную карту.
at_least_one_language = Заполните хотя бы на одном языке.
receipt_not_document = Загрузите документ PDF или фотографию PNG, JPEG или WebP.
file_too_large = Файл слишком большой: не более { $max_kib } КиБ.
currency_unsupported = Принимаются только платежи в тенге (KZT).
notification_malformed = Уведомление о платеже не соответствует описанному формату.
collection_not_allowed = В текущем состоянии сбора это невозможно.
collection_forbidden = Вы не можете выполнить этот шаг для этого сбора.
expense_four_eyes = Этот расход должен утвердить другой координатор: тот, кто его внёс, не может.
expense_over_balance = Расход превышает остаток средств сбора.
collection_status_draft = Черновик
collection_status_submitted = Ожидает регистрации
collection_status_registered = Зарегистрирован
collection_status_active = Идёт сбор
collection_status_closed = Завершён
collection_status_reported = Отчёт опубликован
collection_status_rejected = Отклонён
collection_status_suspended = Приостановлен
beneficiary_children = Дети
beneficiary_elderly = Пожилые люди
beneficiary_disabled = Люди с инвалидностью
beneficiary_sick = Люди, нуждающиеся в лечении
beneficiary_low_income = Малообеспеченные семьи
beneficiary_large_families = Многодетные семьи
beneficiary_emergency_victims = Пострадавшие от чрезвычайных ситуаций
beneficiary_animals = Животные
beneficiary_other = Другие
expense_category_purchase_goods = Покупка товаров
expense_category_medical = Лечение и лекарства
expense_category_food = Продукты питания
expense_category_transport = Транспорт и доставка
expense_category_rent = Аренда
expense_category_services = Услуги
expense_category_direct_aid = Прямая помощь
expense_category_bank_fees = Банковские комиссии
expense_category_other = Прочее
channel_bank_transfer = Банковский перевод
channel_card = Оплата картой
channel_cash_box = Ящик для пожертвований
channel_other = Другое
expense_status_pending = Ожидает утверждения
expense_status_approved = Утверждён
expense_status_rejected = Отклонён
money_kind_donation = Пожертвование
money_kind_expense = Расход
money_kind_reversal = Возврат

## Charity pages
collections_title = Благотворительные сборы
collections_intro = Сборы, зарегистрированные региональными фронт-офисами. Каждый полученный и потраченный тенге записан в публичном журнале, и это можно проверить.
field_beneficiary = Кому помогает
collections_none = Здесь пока нет сборов.
collection_progress = Собрано от цели
collection_registered_as = рег. №
collection_report_overdue = Итоговый отчёт просрочен
collection_money = Средства
collection_target = Цель
collection_raised = Собрано
collection_spent = Потрачено
collection_remainder = Остаток
collection_donors = Пожертвования
collection_trail = Проверьте сами (движение денег с доказательствами)
collection_not_proven_yet = Эти цифры будут подтверждены в публичном журнале на следующей контрольной точке.
collection_pending_entries = Некоторые недавние записи будут добавлены в публичный журнал на следующей контрольной точке.
collection_proven_at = Рассчитано по публичному журналу: контрольная точка {"{"}size{"}"} от {"{"}at{"}"}.
collection_give = Пожертвовать
field_amount_kzt = Сумма, ₸
field_donor_name = Ваше имя (для квитанции; публично не показывается)
field_public_name = Имя для публичного показа
field_public_name_hint = Если оставить пустым, будет показано «Аноним».
collection_give_card = Оплатить картой
collection_account = Счёт для переводов
collection_report = Итоговый отчёт
collection_donations = Пожертвования
collection_no_donations = Пожертвований пока нет.
collection_estimate = оценочная стоимость
collection_refunded = возвращено
collection_expenses = Расходы
collection_no_expenses = Расходов пока нет.
collection_receipt = чек
collection_qr = QR-код для плакатов и ящиков для пожертвований
collection_manage = Управление сбором
collection_new_title = Новый благотворительный сбор
collection_new_intro = Прежде чем принимать пожертвования, сбор проходит регистрацию во фронт-офисе вашего региона. Деньги собираются только на банковский счёт вашей организации и никогда — на личную карту.
field_purpose_kk = Цель на казахском
field_purpose_ru = Цель на русском
field_purpose_en = Цель на английском
field_target = Целевая сумма, ₸
field_start_date = Первый день
field_end_date = Последний день
field_iban = Счёт (IBAN)
field_bank_name = Банк
field_holder_bin = БИН владельца счёта
field_box_location = Ящик для пожертвований (где стоит), необязательно
collections_queue_title = Сборы на регистрацию
collection_public_page = публичная страница
collection_steps = Что делать дальше
field_registration_number = Номер регистрации или уведомления
field_closing_report = Итоговый отчёт: сколько собрано, сколько потрачено и что будет с остатком
collection_step_submit = Отправить на регистрацию
collection_step_register = Зарегистрировать
collection_step_reject = Отклонить
collection_step_activate = Открыть приём пожертвований
collection_step_suspend = Приостановить
collection_step_resume = Возобновить
collection_step_close = Закрыть сбор
collection_step_report = Опубликовать итоговый отчёт
collection_step_withdraw = Вернуть на редактирование
collection_record_donation = Записать пожертвование
field_channel = Как поступило
field_bank_document = Номер банковского документа
field_box_number = Номер ящика для пожертвований
field_act = Акт (номер, кто подписал)
collection_submit_expense = Внести расход
field_expense_category = Категория
field_expense_description = На что (без имён получателей помощи)
field_payee = Кому оплачено (организация)
field_receipt = Чек (PDF или фото)
expense_approve = Утвердить
expense_reject = Отклонить
donor_anonymous = Аноним
organization_not_verified = Открыть сбор может только проверенная организация.
collection_not_active = Этот сбор сейчас не принимает пожертвования.
collection_not_editable = Редактировать можно только черновик или отклонённый сбор.
collection_changed = Сбор тем временем изменился; обновите страницу.
box_number_taken = У каждого ящика для пожертвований должен быть свой номер.
payments_not_configured = Оплата картой не настроена.
payment_unknown = Этот платёж пока неизвестен.
signature_invalid = Подпись уведомления недействительна.
collection_unknown = Такого сбора нет.
already_reversed = Возврат уже оформлен.
donation_duplicate = Это пожертвование уже записано.

## Donation receipts
receipt_title = Квитанция о пожертвовании
receipt_organization = Организация
receipt_collection = Сбор
receipt_donor = Жертвователь
receipt_amount = Сумма
receipt_date = Дата
receipt_check_at = Проверить квитанцию:
receipt_valid = Квитанция подлинная: пожертвование учтено.
receipt_refunded_status = Это пожертвование возвращено.
receipt_shown_as = Публично указан как
receipt_in_log = Записано в публичный журнал, лист
receipt_pdf = Скачать квитанцию (PDF)
mail_donation_receipt_subject = Квитанция о вашем пожертвовании { $code }
mail_donation_receipt_body = Спасибо за ваше пожертвование! Квитанция { $code } и её проверка: { $link }
    Квитанция в PDF: { $link }.pdf
concern_report = Сообщить о нарушении
concern_text = Что вызывает сомнения?
concern_contact = Как с вами связаться (необязательно)
concern_send = Отправить во фронт-офис
concern_received = Спасибо. Региональный фронт-офис рассмотрит сообщение.
concerns_title = Сообщения о сборах
concerns_none = Открытых сообщений нет.
concern_close = Отметить как рассмотренное

## Gifts in kind and the closing report
quantity_malformed = Укажите количество больше нуля, например 10 или 2,5.
too_many_files = Слишком много файлов за раз: не более { $max }.
report_entries_pending = Часть денежных записей этого сбора ещё не попала в публичный журнал. Попробуйте через минуту, после следующей контрольной точки.
goods_condition_new = Новое
goods_condition_like_new = Как новое
goods_condition_good = Б/у, в хорошем состоянии
goods_condition_used = Изношенное
goods_condition_needs_repair = Требует ремонта
goods_unit_piece = шт.
goods_unit_pair = пар
goods_unit_set = компл.
goods_unit_pack = уп.
goods_unit_box = кор.
goods_unit_kg = кг
goods_unit_litre = л
goods_unit_metre = м
remainder_use_returned_to_donors = Возвращён жертвователям
remainder_use_moved_to_collection = Передан в другой сбор
remainder_use_kept_for_purpose = Оставлен на ту же цель
gift_record_title = Записать пожертвование вещами
gift_intro = Вещи, переданные в сбор: что и сколько, их фотографии и подписанный акт приёма-передачи. Их стоимость показывается как оценка и никогда не считается деньгами.
field_items = Что передано (без имён получателей)
field_quantity = Количество
field_unit = Единица
field_condition = Состояние
field_estimate = Оценочная стоимость, ₸ (необязательно)
field_photos = Фотографии (PNG, JPEG или WebP, до 5)
field_handover_act = Акт приёма-передачи (PDF или фото)
field_donor_email = E-mail жертвователя для квитанции (необязательно)
gifts_title = Пожертвования вещами
gifts_none = Пожертвований вещами пока нет.
gift_not_valued = не оценено
gift_photo = Фото пожертвования
gift_handover_act = акт приёма-передачи
collection_in_kind_estimate = Оценочная стоимость пожертвований вещами
collection_in_kind_hint = Вещи — не деньги: их оценочная стоимость не входит в собранное, потраченное и остаток.
field_remainder_use = Что будет с остатком
field_remainder_text = Словами: кому возвращается, в какой сбор, на что
report_form_hint = При публикации цифры вычисляются по публичному журналу на его последней контрольной точке.
report_spent_by_category = Потрачено по категориям
report_computed_at = Вычислено по публичному журналу на контрольной точке {"{"}size{"}"} от {"{"}at{"}"}.
report_published_on = Опубликован
mail_collection_report_due_soon_subject = Через неделю срок итогового отчёта сбора
mail_collection_report_due_soon_body = Здравствуйте, { $name }!

    Итоговый отчёт сбора «{ $purpose }» нужно опубликовать до { $due }. Опубликуйте его на странице сбора:

    { $link }
mail_collection_report_overdue_subject = Итоговый отчёт сбора просрочен
mail_collection_report_overdue_body = Здравствуйте, { $name }!

    Итоговый отчёт сбора «{ $purpose }» нужно было опубликовать до { $due }; на публичной странице сбора теперь указано, что он просрочен. Опубликуйте его на странице сбора:

    { $link }
my_donations_title = Мои пожертвования
my_donations_intro = Пожертвования, сделанные вами после входа в систему, каждое со своей квитанцией.
my_donations_none = Под вашей учётной записью пока нет пожертвований. Жертвуйте картой, войдя в систему, — и они появятся здесь.
my_donations_find = Найти сбор
my_donations_amount = Сумма
my_donations_date = Дата
my_donations_channel = Способ
my_donations_receipt = Квитанция
my_donations_receipt_pdf = PDF
my_donations_reversed = Возвращено
profile_donations_link = Мои пожертвования и квитанции

## Charity in figures: an organization's annual report, a region's and the country's year
charity_annual_title = Годовой отчёт о благотворительности
charity_regional_title = Благотворительность в регионе
charity_national_title = Благотворительность в Казахстане
charity_national_subject = Все регионы
charity_annual_link = Годовой отчёт о благотворительности
charity_regional_link = Благотворительность в цифрах
charity_figures_year = Год в цифрах
charity_figures_years = Другие годы
charity_figures_item = Статья
charity_figures_amount = Сумма
charity_figures_count = Количество
charity_figures_opening = Остаток на начало года
charity_figures_received = Поступило
charity_figures_received_total = Поступило деньгами
charity_figures_reversed = Возвращено жертвователям
charity_figures_spent = Израсходовано
charity_figures_spent_total = Израсходовано деньгами
charity_figures_in_kind_received = Получено в натуральной форме (оценочная стоимость)
charity_figures_in_kind_given = Передано в натуральной форме (стоимость)
charity_figures_closing = Остаток на конец
charity_figures_donations = Пожертвования
charity_figures_by_month = По месяцам
charity_figures_by_region = По регионам
charity_figures_download = Скачать
charity_figures_empty = За этот период ничего не записано.
charity_figures_checkpoint = Рассчитано по публичному журналу на контрольной точке { $size } от { $date }: любой может пересчитать эти цифры по нему.
charity_figures_no_checkpoint = В публичном журнале ещё нет контрольной точки: цифры появятся вместе с первой.
charity_figures_collections_hint = На странице каждого сбора — его пожертвования, расходы с чеками и отчёты за все годы.

## Bank statement import
statements_title = Банковские выписки
statements_back = К организации
statements_lead = Загрузите выписку по счёту организации: каждое поступление становится пожертвованием в тот сбор, для которого оно предназначено, — один раз, сколько бы раз ни загружалась выписка. Поступления, в которых сбор не указан, ждут, пока вы их распределите.
statements_waiting_link = { $n ->
    [one] { $n } поступление к распределению
    [few] { $n } поступления к распределению
   *[other] { $n } поступлений к распределению
}
statements_recent = Последние выписки
statements_none = Выписок пока нет.
statement_upload_title = Проверить выписку
statement_upload_hint = Файл CSV (UTF-8 или Windows-1251; ячейки разделены точкой с запятой, запятой или табуляцией) или XLSX — как его выгружает ваш банк. Столбцы распознаются по заголовкам; их можно изменить до того, как что-либо будет записано.
statement_file = Файл выписки
statement_check = Проверить выписку
statement_unreadable = Файл не читается: сохраните выписку в CSV (UTF-8 или Windows-1251) или XLSX.
statement_empty = В выписке нет строк после заголовка.
statement_mapping_incomplete = Выберите столбцы идентификатора транзакции, даты и суммы.
statement_too_many_rows = В выписке больше 100 000 строк: разделите её.
statement_row_unreadable = Ячейки этой строки не совпадают с заголовком выписки (лишняя или недостающая ячейка): транзакцию прочитать нельзя, из неё ничего не записано.
statement_not_preview = Эта выписка уже записана или отменена.
statement_nothing_to_record = В выписке нет ни одного поступления, которое можно прочитать: проверьте столбцы.
statement_row_assigned = Это поступление уже распределено.
statement_status_preview = Проверена, не записана
statement_status_applying = Записывается…
statement_status_applied = Записана
statement_status_discarded = Отменена
statement_field_transaction_id = Идентификатор транзакции
statement_field_date = Дата
statement_field_credit = Поступление (кредит)
statement_field_debit = Списание (дебет)
statement_field_payer = Плательщик
statement_field_purpose = Назначение платежа
statement_field_account = Счёт получателя (IBAN)
statement_count_rows = Строк
statement_count_credits = Поступлений
statement_count_debits = Списаний (пропущены)
statement_count_refused = Отклонённых строк
statement_count_donations = Новых пожертвований
statement_count_waiting = К распределению вручную
statement_count_known = Уже записано
statement_count_recorded = Записано пожертвований
statement_progress = Ход записи
statement_mapping_title = Столбцы
statement_mapping_hint = Какой столбец что содержит. Идентификатор транзакции — это номер перевода в банке, уникальный для счёта: перевод с уже записанным номером повторно не записывается.
statement_header_line = Строка заголовка (номер)
statement_column_none = — нет в файле —
statement_mapping_save = Прочитать с этими столбцами
statement_confirm_title = Записать поступления
statement_confirm_hint = Каждое поступление становится пожертвованием в свой сбор и публично показывается как анонимное; остальные ждут, пока вы их распределите.
statement_apply = { $n ->
    [one] Записать { $n } поступление
    [few] Записать { $n } поступления
   *[other] Записать { $n } поступлений
}
statement_discard = Отменить
statement_errors_title = Отклонённые строки
statement_rows_title = Поступления
statement_outcome_donation = Новое пожертвование в сбор:
statement_outcome_waiting = Сбор не найден: распределить вручную
statement_outcome_known = Уже записано: ничего не меняется
statement_waiting_title = Поступления к распределению
statement_waiting_lead = Эти переводы поступили на счёт, но в них не указан сбор. Отнесите каждый к одному из активных сборов организации: он будет записан как его пожертвование — один раз.
statement_waiting_none = Нет поступлений, ожидающих распределения.
statement_no_active_collection = У организации нет активного сбора, к которому их можно отнести.
statement_assign_to = Сбор
statement_assign = Отнести к сбору
flash_statement_started = Запись выписки началась.
flash_statement_discarded = Выписка отменена.
flash_statement_assigned = Поступление записано как пожертвование.
collection_transfer_reference = Код для банковских переводов
collection_transfer_reference_hint = Укажите его в назначении платежа: по выписке организации будет видно, для какого сбора перевод.
