# erikti — English

## Layout
site_tagline = The national volunteer platform of Kazakhstan
skip_to_content = Skip to content
nav_language = Language
nav_main = Main menu
nav_home = Home
nav_api = API
nav_mailbox = Mailbox
nav_profile = Profile
nav_logout = Log out
nav_login = Log in
nav_signup = Sign up
footer_text = erikti — the volunteer platform and the accounting system of volunteer and charitable activity of Kazakhstan.

## Home
home_title = Volunteers of Kazakhstan, in one place
home_lead = Find a cause near you, join events and shifts, and keep an electronic volunteer book of confirmed hours that universities and employers can trust.
home_cta_signup = Become a volunteer
home_counters = erikti today
home_count_volunteers = volunteers
home_count_organizations = organizations and initiative groups
home_count_hours = confirmed hours
home_what = What erikti does
home_volunteers_title = For volunteers
home_volunteers_text = A profile, events near you in your language, check-in by QR, and a volunteer book with verifiable certificates.
home_orgs_title = For organizations
home_orgs_text = Projects, events and shifts with fair sign-up, attendance and confirmed hours, verified by the regional front-office.
home_book_title = Electronic volunteer book
home_book_text = Every confirmed hour is signed and chained, so that nobody can change it unnoticed.
home_help_title = Help for people in need
home_help_text = A request by web or phone reaches the nearest suitable volunteer through the front-office.

## Errors
error_title = Something went wrong
not_found = This page does not exist.
forbidden = You do not have permission to do this.
unauthenticated = Please log in first.
csrf_failed = The form has expired or came from another site. Please go back, reload the page and try again.
unsupported_media_type = This kind of request body is not accepted.
payload_too_large = The request is too large.
invalid_json = The request body is not valid JSON.
invalid_json_shape = The request body does not have the expected fields.
rate_limited = Too many attempts. Please wait a little and try again.
unavailable = The service is temporarily unavailable. Please try again in a moment.
validation_failed = Some fields need to be corrected.
link_invalid_title = The link does not work
link_invalid = This link is invalid, has expired or was already used.
login_failed = Wrong e-mail or password.
login_unconfirmed = Please confirm your e-mail first: open the link we sent you.
email_taken = This e-mail is already used by another account.
iin_taken = This IIN is already registered to another account.
email_unchanged = This is already your e-mail.

## Validation
required = This field is required.
too_long = Too long: at most { $max } characters.
too_short = Too short: at least { $min } characters.
email_malformed = Enter an e-mail address like name@example.kz.
password_too_short = The password must have at least { $min } characters.
password_too_long = The password must have at most { $max } characters.
password_too_common = This password is too common. Choose one that is harder to guess.
password_same_as_email = The password must not be your e-mail.
iin_malformed = An IIN has 12 digits and starts with the birth date (YYMMDD).
iin_checksum = This IIN is not valid: check the digits (the last one is a check digit).
iin_birth_date_mismatch = The IIN does not match the birth date.
phone_malformed = Enter a phone number like +7 701 234 56 78.
date_malformed = Enter a date as YYYY-MM-DD.
date_in_future = The date cannot be in the future.
date_too_old = The date is too far in the past.
name_malformed = Use letters, spaces, hyphens and apostrophes only.
region_unknown = Choose a region from the list.
choice_unknown = Choose from the list.

## Fields
field_name = Your name
field_email = E-mail
field_password = Password
field_display_name = Public name
field_first_name = First name
field_last_name = Last name
field_patronymic = Patronymic
field_iin = IIN
field_birth_date = Birth date
field_phone = Phone
field_region = Region
field_locality = Town or village
field_languages = Languages you speak
field_skills = Skills
field_directions = Directions that interest you
field_availability = When you are available
password_hint = At least 10 characters; a phrase of several words is best.
display_name_hint = Shown to organizations and on public pages.
iin_hint = 12 digits. Never shown publicly; the birth date is taken from it.
birth_date_hint = Needed when you give no IIN.
phone_hint = Only organizers of your accepted shifts and staff can see it.
skills_hint = Separate with commas, e.g. first aid, driving.
availability_hint = e.g. weekends, evenings.
token_name_hint = A label to recognise the token, e.g. "my script".

## Sign-up, log-in, password
signup_title = Sign up
signup_intro = Create your volunteer account. We will send a confirmation link to your e-mail.
signup_submit = Create account
signup_have_account = Already have an account? Log in
signup_done_title = Check your e-mail
signup_done = If this address can be used, a message with a confirmation link is on its way. Open it to activate your account.
confirm_done_title = E-mail confirmed
confirm_done = Your e-mail is confirmed. You can log in now.
email_changed_title = E-mail changed
email_changed = Your new e-mail is confirmed and is now used for your account.
login_title = Log in
login_submit = Log in
login_no_account = No account yet? Sign up
forgot_link = Forgot your password?
forgot_title = Reset your password
forgot_intro = Enter the e-mail of your account; we will send you a link to set a new password.
forgot_submit = Send the link
forgot_done_title = Check your e-mail
forgot_done = If an account uses this address, a link to reset the password is on its way. It works for 2 hours.
reset_title = Set a new password
reset_submit = Save the password

## One-time messages
flash_signed_out = You are logged out.
flash_signed_in = Welcome back!
flash_profile_saved = Your profile is saved.
flash_password_changed = Your password is changed. Please log in.
flash_token_revoked = The token is revoked.
flash_email_change_sent = We sent a confirmation link to the new address. Your e-mail changes when you open it.

## Profile
profile_title = Your profile
profile_age = { $age ->
    [one] { $age } year old
   *[other] { $age } years old
}
profile_minor = Under 18
profile_personal = Personal data
profile_private_note = Your IIN, phone and birth date are never shown publicly.
profile_iin_stored = IIN on file
profile_save = Save profile
profile_email_title = Change e-mail
profile_email_submit = Send confirmation link
profile_tokens_title = API tokens
profile_tokens_intro = Personal tokens let your programs use the erikti API on your behalf (Authorization: Bearer). Revoke any you no longer use.
profile_token_created = Your new token. Copy it now: it will not be shown again.
profile_tokens_none = You have no API tokens.
profile_token_prefix = Starts with
profile_token_created_at = Created
profile_token_revoke = Revoke
profile_token_create = Create token

## Mailbox
mailbox_title = Mailbox
mailbox_intro = Every e-mail erikti sends, newest first. Without SMTP configured, messages are only shown here and in the log.
mailbox_empty = No messages yet.
mailbox_to = To

## API docs
api_docs_title = API documentation
api_docs_intro = The JSON API at /api/v1. Send Accept-Language: kk, ru or en for translated messages. The OpenAPI 3.1 document:
api_method = Method
api_path = Path
api_summary = What it does
api_schemas = Schemas

## E-mail
mail_confirm_subject = Confirm your e-mail for erikti
mail_confirm_body = Hello!

    Someone (hopefully you) created an erikti account with this address. To confirm it, open this link within 48 hours:

    { $link }

    If it was not you, ignore this message.

    — erikti
mail_already_registered_subject = Sign-up attempt on erikti
mail_already_registered_body = Hello!

    Someone tried to create an erikti account with this address, but it already has one. To log in, go to:

    { $link }

    If you forgot your password, use "Forgot your password?" on the log-in page. If it was not you, ignore this message.

    — erikti
mail_reset_subject = Reset your erikti password
mail_reset_body = Hello!

    To set a new password for your erikti account, open this link within 2 hours:

    { $link }

    If you did not ask for it, ignore this message: your password stays the same.

    — erikti
mail_change_email_subject = Confirm your new e-mail for erikti
mail_change_email_body = Hello!

    To use { $email } for your erikti account, open this link within 48 hours:

    { $link }

    If you did not ask for it, ignore this message.

    — erikti
