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
invalid_query = The query parameters of the request are not valid (a number too large, or a value of the wrong kind).
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

## Organizations
nav_organizations = Organizations
nav_front_office = Front-office
nav_coordinators = Coordinators
nav_audit = Audit log
directory_title = Organizations and initiative groups
directory_filters = Filters
directory_search = Name, in any language
any = Any
field_direction = Direction
field_kind = Kind
directory_verified_only = Verified only
directory_apply = Show
directory_found = Found: { $n }
badge_verified = Verified
pager = Pages
pager_prev = Previous
pager_next = Next
org_kind_ngo = Registered NGO
org_kind_state_institution = State institution
org_kind_initiative_group = Initiative group
org_new_title = Register an organization
org_edit_title = Edit the organization
org_names_hint = Give the name in at least one language.
bin_hint = 12 digits; registered NGOs and state institutions only.
field_name_kk = Name in Kazakh
field_name_ru = Name in Russian
field_name_en = Name in English
field_bin = BIN
field_contact_email = Contact e-mail
field_contact_phone = Contact phone
field_website = Website
field_description_kk = Description in Kazakh
field_description_ru = Description in Russian
field_description_en = Description in English
field_directions_org = Directions
field_activity_types = Activity types
field_reason = Reason
org_save = Save
org_status = Status
org_status_registered = Registered
org_status_verification_requested = Waiting for verification
org_status_changes_requested = Changes requested
org_status_verified = Verified
org_status_rejected = Rejected
org_status_suspended = Suspended
org_last_request = Last verification request
request_status_open = waiting for the front-office
request_status_verify = verified
request_status_reject = rejected
request_status_request_changes = changes requested
org_members = Members
role_org_owner = owner
role_org_coordinator = coordinator
org_remove_member = Remove
org_make_owner = Make owner
org_manage = Manage
org_request_verification = Ask for verification
org_invite = Invite a coordinator
org_leave = Leave the organization
org_suspension = Suspension
org_suspend = Suspend
org_restore = Restore
audit_title = Audit log
audit_when = When
audit_who = Who
audit_what = What
audit_why = Why
audit_organization_created = organization created
audit_organization_edited = organization edited
audit_organization_logo = logo changed
audit_verification_requested = verification requested
audit_verification_verify = verified
audit_verification_reject = verification rejected
audit_verification_request_changes = changes requested
audit_organization_suspended = suspended
audit_organization_restored = restored
audit_member_invited = coordinator invited
audit_member_joined = coordinator joined
audit_member_removed = member removed
audit_member_left = member left
audit_organization_ownership_transferred = ownership handed over
audit_role_appointed = regional coordinator appointed
audit_role_removed = regional coordinator removed
audit_register_submitted = register application submitted
audit_register_under_review = register application under review
audit_register_included = included in the register
audit_register_refused = register application refused
audit_register_excluded = excluded from the register
invitation_title = Invitation to an organization
invitation_accept = Accept the invitation
invitation_log_in = Log in (or sign up) first, then open the invitation link again.
invitation_invalid = This invitation is invalid, has expired or was already used.
queue_title = Verification queue
queue_empty = No organization is waiting.
queue_org = Organization
queue_requested = Asked
queue_waited = Waiting
waited_hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
waited_days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
verification_title = Verification
verification_open_org = Open the organization's page
verification_decision = Decision
decision_verify = Verify
decision_request_changes = Ask for changes
decision_reject = Reject
reason_hint = Required to reject or to ask for changes; the organization sees it.
verification_submit = Save the decision
coordinators_title = Regional coordinators
coordinators_appoint = Appoint
coordinators_remove = Remove
account_not_found = No account uses this e-mail.
flash_org_saved = Saved.
flash_verification_requested = The request is sent to the front-office of your region.
flash_decision_saved = The decision is saved and the organization is notified.
flash_invitation_sent = The invitation is sent.
flash_invitation_accepted = You are now a coordinator of this organization.
flash_member_removed = The member is removed.
already_decided = This request has already been decided.
log_tampered = The stored records no longer match the public log; the administrators have been alerted.
log_alarm = The ledger no longer matches its public log. Run erikti ledger verify and compare with a witness's checkpoint:
no_checkpoint = Nothing has been recorded in the public log yet.
already_requested = Verification has already been requested.
not_requested = Verification was not requested.
suspended = The organization is suspended.
not_suspended = The organization is not suspended.
already_suspended = The organization is already suspended.
not_included = The entry is not in the register.
invalid_transition = This is not possible in the current state.
state_changed = Someone changed this meanwhile. Reload the page and try again.
owner_cannot_leave = The owner cannot leave: hand over ownership first.
bin_taken = Another organization already uses this BIN.
not_a_member = This person is not a member.
already_applied = An application is already pending or included.
bin_malformed = A BIN has 12 digits and starts with the registration year and month (YYMM).
bin_checksum = This BIN is not valid: check the digits (the last one is a check digit).
url_malformed = Enter an address like https://example.kz.
number_out_of_range = Enter a whole number from { $min } to { $max }.
image_unsupported = Use a PNG, JPEG or WebP image.
image_too_large = The image is too large: at most { $max_kib } KiB.
at_least_one_name = Give the name in at least one language.
reason_required = Give a reason.
mail_org_verify_subject = Your organization is verified on erikti
mail_org_verify_body = Hello!

    «{ $name }» has been verified by the regional front-office. The badge now appears everywhere it is shown:

    { $link }

    — erikti
mail_org_reject_subject = Verification refused on erikti
mail_org_reject_body = Hello!

    The regional front-office refused to verify «{ $name }». Reason: { $reason }

    { $link }

    — erikti
mail_org_request_changes_subject = Changes requested for your organization on erikti
mail_org_request_changes_body = Hello!

    The regional front-office asks for changes to «{ $name }» before verifying it: { $reason }

    Edit the organization and ask for verification again:

    { $link }

    — erikti
mail_org_suspended_subject = Your organization is suspended on erikti
mail_org_suspended_body = Hello!

    «{ $name }» has been suspended. Reason: { $reason }

    { $link }

    — erikti
mail_org_restored_subject = Your organization is restored on erikti
mail_org_restored_body = Hello!

    «{ $name }» has been restored. Note: { $reason }

    { $link }

    — erikti
mail_invitation_subject = Invitation to «{ $name }» on erikti
mail_invitation_body = Hello!

    You are invited to coordinate «{ $name }» on erikti. Log in (or sign up with this e-mail), then open this link within 7 days:

    { $link }

    — erikti

## Register of volunteer activity
nav_register = Register
nav_register_admin = Register decisions
register_title = Register of volunteer activity
register_intro = Volunteers and organizations included in the register of volunteer activity (rules of 2024). Inclusion is voluntary, by application.
register_apply_title = Apply to the register
register_apply_intro = Apply for yourself, or for an organization you own. The ministry decides; you are told by e-mail.
register_applicant = Who applies
register_as_volunteer = Me, as a volunteer
register_submit = Send the application
register_mine = Your applications
register_admin_title = Register applications
register_include = Include
register_refuse = Refuse
register_exclude = Exclude
register_col_name = Name
register_col_kind = Applicant
register_col_participants = Participants
register_col_projects = Projects
register_col_included = Included on
register_kind_volunteer = Volunteer
register_kind_organization = Organization
register_status_submitted = submitted
register_status_under_review = under review
register_status_included = included
register_status_refused = refused
register_status_excluded = excluded
register_profile_region = Choose your region in your profile first.
field_participants = Number of participants
flash_register_submitted = Your application is sent.
mail_register_included_subject = Included in the register of volunteer activity
mail_register_included_body = Hello!

    «{ $name }» is included in the register of volunteer activity.

    { $link }

    — erikti
mail_register_refused_subject = Register application refused
mail_register_refused_body = Hello!

    The application of «{ $name }» to the register of volunteer activity is refused. Reason: { $reason }

    { $link }

    — erikti
mail_register_excluded_subject = Excluded from the register of volunteer activity
mail_register_excluded_body = Hello!

    «{ $name }» is excluded from the register of volunteer activity. Reason: { $reason }

    { $link }

    — erikti
field_logo = Logo
logo_hint = PNG, JPEG or WebP, at most 512 KiB.
logo_upload = Upload the logo
invalid_form = The form could not be read. Please try again.

## Opportunities
end_before_start = The end must be after the start.
in_past = The time must be in the future.
too_long_span = Too long: at most { $max_hours } hours.
time_malformed = Enter a time as HH:MM, e.g. 10:00.
outside_kazakhstan = The point must be inside Kazakhstan.
too_many_shifts = Too many shifts at once: at most { $max }.
no_shifts_in_range = No day in this range falls on the chosen weekdays.
org_not_verified = Only a verified organization can publish events.
age_unknown = Add your birth date (or IIN) to your profile: this event has age rules.
below_min_age = You are younger than this event's minimum age.
minor_activity_type = Volunteers under 18 cannot take part in this kind of activity (help in emergencies and disasters).
minor_hazardous = Volunteers under 18 cannot take part in hazardous events.
event_not_open = This event does not take applications.
overlapping_shift = You already have an accepted shift at this time.
shift_full = This shift is full.
not_cancellable = This application can no longer be cancelled.
nav_events = Opportunities
events_title = Volunteer opportunities
event_free_places = free places: { $n }
event_shifts = Shifts
event_shift_time = When
event_free = Free places
event_apply = Apply
event_join_waitlist = Join the waitlist
event_login_to_apply = Log in to apply
event_cancel = Cancel
event_status_draft = Draft: not public yet.
event_status_published = Published
event_status_completed = This event is over.
event_status_cancelled = This event is cancelled.
application_status_accepted = accepted
application_status_waitlisted = on the waitlist
application_status_pending = waiting for a decision
application_status_cancelled = cancelled
application_status_rejected = rejected
application_status_checked_in = checked in
application_status_completed = completed
application_status_no_show = did not come
flash_application_accepted = You are accepted. See you there!
flash_application_waitlisted = The shift is full: you are on the waitlist and will be told if a place frees up.
flash_application_pending = Your application is received and waits for a decision.
flash_application_cancelled = Your application is cancelled.
delivery_pending = waiting to be sent
delivery_sent = sent
delivery_logged = logged (no SMTP)
delivery_failed = failed
## Opportunities: forms, management, attendance, notifications
field_title_kk = Title in Kazakh
field_title_ru = Title in Russian
field_title_en = Title in English
field_address = Address
field_lat = Latitude
field_lon = Longitude
field_time_zone = Time zone
field_min_age = Minimum age
field_contact_name = Contact person
field_date_from = First day
field_date_to = Last day
field_start_time = Start time
field_end_time = End time
field_capacity = Places
field_description = Description
field_activity_type = Activity type
field_mode = How applications are decided
field_online = Online
field_hazardous = Hazardous (closed to minors)
field_motivation = Why you want to help (optional)
field_weekdays = Weekdays
field_parent_name = Parent's full name
field_parent_contact = Parent's phone or e-mail
field_consent_date = Date of the written consent
save = Save
actions = Actions
back = Back
minor = under 18
form_has_errors = Please correct the fields marked below.
event_new_title = New event
event_edit_title = Edit the event
event_point_hint = A point on the map, e.g. 43.2389 and 76.8897 (Almaty). Leave empty for online events.
event_skills_hint = Separate skills with commas, e.g. first aid, driving.
event_mode_first_come = First come: accepted at once while places remain
event_mode_moderated = Moderated: a coordinator decides
event_mode = Applications
event_online = Online
event_on_site = On site
event_place = Where
event_requirements = Requirements
event_min_age = from { $n } years old
event_hazardous = Hazardous: adults only
event_contact = Contact
event_manage = Manage the event
event_public_page = Public page
event_edit = Edit
event_publish = Publish
event_complete = Mark as completed
event_cancel_event = Cancel the event
event_taken = Taken
event_ics = Add the shifts to a calendar (.ics)
event_shift_past = started
events_from = From
events_to = To
events_format = Format
events_near = Near a point
events_km = Radius, km
events_sort = Sort
events_sort_date = by date
events_sort_distance = by distance
events_suitable = Only what suits me
events_distance = { $km } km away
series_title = Add shifts
series_hint = Every chosen weekday from the first to the last day, same hours and places (time zone { $tz }). For one shift, give only the first day.
series_date_to_hint = Empty: only the first day.
series_add = Add shifts
weekday_mon = Mon
weekday_tue = Tue
weekday_wed = Wed
weekday_thu = Thu
weekday_fri = Fri
weekday_sat = Sat
weekday_sun = Sun
shift_applications = Applications
shift_qr = Check-in QR code
qr_valid_until = Valid until { $time }; the page renews the code by itself.
bulk_title = With the ticked applications
bulk_select = Select
bulk_accept = Accept the ticked
bulk_reject = Reject the ticked (with the reason)
bulk_refused = { $n ->
    [one] One application was not decided:
   *[other] { $n } applications were not decided:
}
decision_accept = Accept
move_to = Move to shift
consent_needed = Under 16: a parent's written consent must be recorded before acceptance.
consent_record = Record the consent
attendance_check_in = Check in
attendance_check_out = Check out
attendance_no_show = Did not come
check_in_title = Check in
check_in_text = Confirm that you are at the shift now.
check_in_confirm = I am here
flash_checked_in = You are checked in. Thank you for coming!
flash_event_saved = The event is saved.
flash_shifts_added = The shifts are added.
flash_saved = Saved.
my_applications_title = My applications
my_applications_none = You have not applied anywhere yet.
application_needs_consent = Waiting for your parent's written consent (required under { $age }): ask the organizer how to give it.
application_event_cancelled = The event was cancelled.
notify_title = E-mail notifications
notify_legend = Send me e-mail about
notify_decisions = decisions on my applications
notify_waitlist = a place for me from the waitlist
notify_cancellations = cancelled events
notify_reminders = a reminder the day before a shift
calendar_title = Calendar feed
calendar_text = Subscribe to this private address in your calendar app to see your shifts. Keep it secret; you can renew or turn it off at any time.
calendar_create = Make a calendar address
calendar_renew = New address (the old one stops working)
calendar_revoke = Turn off
calendar_name = My erikti shifts
check_in_token_invalid = This check-in code is not valid. Scan the code on the organizer's screen again.
check_in_token_expired = This check-in code has expired. Scan the fresh code on the organizer's screen.
check_in_not_yet = Check-in opens an hour before the shift starts.
check_in_closed = The shift is over: check-in is closed.
consent_missing = A parent's consent must be recorded first.
consent_not_required = This application does not wait for a consent.
not_accepted = Only an accepted application can be checked in or marked.
already_checked_in = Already checked in.
not_checked_in = Not checked in.
capacity_below_accepted = More people are already accepted than this capacity.
other_event = That shift belongs to another event.
mail_application_received_subject = Application received: { $event }
mail_application_received_body = Hello, { $name }!

    We received your application to "{ $event }" ({ $start }). Its status: { $status }.

    { $link }
mail_accepted_subject = You are accepted: { $event }
mail_accepted_body = Hello, { $name }!

    You are accepted to "{ $event }" ({ $start }). See you there!

    { $link }
mail_rejected_subject = Application not accepted: { $event }
mail_rejected_body = Hello, { $name }!

    Your application to "{ $event }" ({ $start }) was not accepted. The organizer's reason: { $reason }

    { $link }
mail_promoted_subject = A place for you: { $event }
mail_promoted_body = Hello, { $name }!

    A place freed up in "{ $event }" ({ $start }) and it is yours: you are accepted. If you cannot come, please cancel so that the next person can go.

    { $link }
mail_moved_subject = Your shift changed: { $event }
mail_moved_body = Hello, { $name }!

    The organizer moved your application to another shift of "{ $event }": { $start }. Status: { $status }.

    { $link }
mail_consent_recorded_subject = Consent recorded: { $event }
mail_consent_recorded_body = Hello, { $name }!

    Your parent's consent for "{ $event }" ({ $start }) is recorded. Status: { $status }.

    { $link }
mail_event_cancelled_subject = Cancelled: { $event }
mail_event_cancelled_body = Hello, { $name }!

    The organizer cancelled "{ $event }". The reason: { $reason }

    { $link }
mail_shift_reminder_subject = Tomorrow: { $event }
mail_shift_reminder_body = Hello, { $name }!

    A reminder: your shift in "{ $event }" starts { $start }. If you cannot come, please cancel so that someone else can go.

    { $link }
mail_pending_reminder_subject = Applications are waiting for your decision
mail_pending_reminder_body = Hello, { $name }!

    { $n } applications have been waiting for a decision for several days. Volunteers are waiting for your answer; unanswered applications go to the region's front-office.

    { $events }
export_shift = Shift
export_name = Name
export_status = Status
export_applied = Applied
export_checked_in = Checked in
export_checked_out = Checked out
org_median_response = Answers applications in { $time } (median)
duration_minutes = { $n } min
duration_hours = { $n } h

queue_escalated = Applications unanswered for too long
queue_escalated_empty = No application waits too long.
queue_event = Event
shift_started = This shift has already started.
org_projects = Projects
field_project = Project
field_goals = Goals
project_create = Add a project

## The electronic volunteer book
nav_book = My book
book_title = My volunteer book
book_total = Confirmed hours
book_only_confirmed = Only hours confirmed by an organization count; every confirmation is signed by the platform and can be verified.
book_by_year = By year
book_by_direction = By direction
book_by_organization = By organization
book_by_activity = By activity type
book_other = Other
book_entries = Entries
book_none = No hours yet. They appear here after your first shift.
book_organization = Organization
book_hours = Hours
book_source = Source
book_status = Status
book_dispute = Ask the front-office
book_claim_title = Claim hours for past activity
book_claim_hint = The organization confirms or rejects them. Hours, e.g. 2 or 1.5.
book_description = What you did
book_claim_submit = Send for confirmation
field_date = Date
choose = Choose
hours_source_attendance = Attendance
hours_source_claim = Claim
hours_source_help_request = Help request
hours_source_import = Paper record
hours_status_claimed = Waiting for confirmation
hours_status_confirmed = Confirmed
hours_status_rejected = Rejected
hours_status_disputed = With the front-office
hours_status_reversed = Reversed
flash_hours_claimed = Your hours were sent to the organization for confirmation.
flash_hours_disputed = The front-office of the region will look at these hours.
org_hours_title = Hours to confirm
org_hours_link = Hours to confirm
org_hours_none = No hours are waiting for confirmation.
org_hours_volunteer = Volunteer
org_hours_reason_hint = Required to reject.
org_hours_confirm = Confirm selected
org_hours_reject = Reject selected
not_confirmed = These hours are not confirmed.
too_early_to_dispute = The organization still has time to answer. You can ask the front-office after the waiting period.
mail_hours_confirmed_subject = Your hours are confirmed: { $hours } hours
mail_hours_confirmed_body = Hello, { $name }!

    { $hours } hours of { $date } are confirmed and entered in your volunteer book.

    { $link }
mail_hours_rejected_subject = Your hours were not confirmed
mail_hours_rejected_body = Hello, { $name }!

    { $hours } hours of { $date } were not confirmed. Reason: { $reason }
    If you disagree, you can ask the front-office of your region from your book.

    { $link }
mail_hours_reversed_subject = A correction in your volunteer book
mail_hours_reversed_body = Hello, { $name }!

    { $hours } hours of { $date } were taken back from your book. Reason: { $reason }

    { $link }
cert_title = Certificate of volunteer activity
cert_subtitle = Electronic volunteer book of the Republic of Kazakhstan — confirmed hours
cert_holder = Holder
cert_total = Confirmed hours
cert_hours_unit = h
cert_period = Period
cert_no_hours = No confirmed hours in this period
cert_issued = Issued
cert_code = Code
cert_verify_at = Check this certificate by scanning the code or at:
cert_signed = Signed by the platform:
cert_list_title = Certificates
cert_request_hint = A certificate states your confirmed hours: all of them, a period or one organization. Universities and employers check it by its code, also offline.
cert_all_organizations = All organizations
cert_request = Get a certificate
cert_verify_link = Verify
flash_certificate_issued = Your certificate is ready.
verify_title = Certificate check
verify_valid = This certificate is genuine: issued by the platform and not changed since.
verify_invalid = The signature of this certificate does not hold: do not trust it.
verify_revoked = Revoked
verify_how = The certificate is signed with the platform's Ed25519 key; the public keys are published at
verify_log_recorded = Recorded in the public log at checkpoint { $n } of { $date }.
verify_log_reversed = The records behind this certificate were reversed on { $date }.
verify_log_broken = The records behind this certificate no longer match the public log: do not trust it.
verify_log_none = Issued before the public log existed: only its signature can be checked.
verify_log_how = Every confirmed hour is a leaf of a public Merkle log whose signed checkpoints anyone can witness:
verify_log_link = the latest checkpoint
certificate_unknown = There is no certificate with this code.
already_revoked = This certificate is already revoked.
benefit_title = Benefits
benefit_student_voucher = Student social voucher (this academic year, at most 70 hours counted)
benefit_badge_500 = Badge "500 hours"
benefit_tier_first = first tier reached
benefit_tier_second = second tier reached
benefit_achieved = reached
benefit_left = { $hours } h to go
org_hours_export = Download confirmed hours (CSV)
queue_disputed = Disputed hours
queue_disputed_empty = No hours are disputed.

## Public book
public_book_title = Volunteer book
public_book_hint = Only hours confirmed by organizations and recorded in the signed ledger are shown. The holder chose to make this book public; her contact details are never shown. Public keys:
book_none_public = No confirmed hours yet.
public_book_switch_title = Public book
public_book_switch_hint = A public book shows your given name, the initial of your family name, your region and your confirmed hours — never your IIN, phone, e-mail or address.
public_book_switch = Show my book publicly
public_book_open = Open my public book
flash_book_public = Your book is now public.
flash_book_private = Your book is private again.

## Import of paper records
import_title = Import of paper records
import_lead = Hours recorded on paper before the platform: each row goes into the book of the volunteer with that IIN or e-mail, confirmed by you, or waits until she signs up.
import_upload_title = Check a file
import_columns_hint = A CSV (comma, semicolon or tab) or XLSX file with a header row: iin or email, name, date (YYYY-MM-DD or DD.MM.YYYY), hours (2,5), region (KZ-55); optionally direction, activity_type, description. Template:
import_all_regions = All regions
import_file = File
import_check = Check the file
import_recent = Recent imports
import_none = No imports yet.
import_uploaded = Uploaded
import_status = Status
import_rows = Rows
import_valid = Valid
import_refused = Refused
import_status_preview = Checked, not imported
import_status_applying = Importing…
import_status_applied = Imported
import_status_discarded = Discarded
import_imported = Into books
import_held = Held until sign-up
import_progress = Progress
import_confirm_title = Import the valid rows
import_confirm_hint = { $n ->
    [one] One row is valid. Nothing has been imported yet; the refused rows will not be imported.
   *[other] { $n } rows are valid. Nothing has been imported yet; the refused rows will not be imported.
}
import_apply = { $n ->
    [one] Import one valid row
   *[other] Import { $n } valid rows
}
import_nothing_valid = No row of this file is valid: correct the file and check it again.
import_discard = Discard
import_errors_title = Refused rows
import_errors_more = { $n } refusals in all; the first 1,000 are listed.
import_line = Line
import_column = Column
import_problem = Problem
import_rows_title = Valid rows
import_column_iin = IIN
import_column_email = E-mail
import_column_name = Name
import_column_date = Date
import_column_hours = Hours
import_column_region = Region
import_column_direction = Direction
import_column_activity_type = Activity type
import_column_description = Description
import_row_preview = Valid
import_row_imported = In her book
import_row_held = Held until sign-up
flash_import_started = The import has started.
flash_import_discarded = The file was discarded; nothing was imported.
import_empty_file = The file has no rows.
import_missing_column = A required column is missing from the header row.
import_too_many_rows = The file has more than 100,000 rows: split it.
import_unreadable = The file cannot be read: save it as CSV (UTF-8) or XLSX.
import_identity_required = Give the volunteer's IIN or e-mail.
import_region_not_yours = This region is not yours.
import_duplicate_row = The same row appears earlier in the file.
import_not_preview = This file was already imported or discarded.
import_link = Import paper records

## Help requests
help_sms_code = erikti: your code is { $code }. It confirms your request for help.
help_sms_done = erikti: a volunteer says your request is done. To confirm, enter the code { $code }.
help_type_delivery = Delivery of food or medicine
help_type_home_help = Help at home
help_type_accompaniment = Accompaniment
help_type_online_consultation = Online consultation
help_type_other = Other help
help_reason_distance = { $km } km away
help_reason_distance_approximate = about { $km } km away (from her region's centre)
help_reason_speaks_language = speaks the person's language
help_reason_no_common_language = does not speak the person's language
help_reason_skills = { $matched } of { $wanted } skills
help_reason_free = free at the preferred time
help_reason_busy = busy at the preferred time
help_reason_load = { $n } requests in hand
help_reason_no_shows = { $n } missed shifts
phone_code_wrong = The code is wrong or expired. Check the SMS or ask for a new code.
minor_home_visit = Home visits are for adult volunteers only.
minor_emergency = Emergency calls are for adult volunteers only.
request_taken = Another volunteer has already taken this request.
help_not_offered = This request was not offered to you. The regional front-office offers each request to the volunteers best placed to help, and only they can take it.
help_not_offered_hint = Only the volunteers the regional front-office offers this request to can take it. If it is offered to you, it appears under "Offered to me" on your help requests page.
help_closed = This request is closed.
help_taken = This request has already been taken.
nobody_chosen = Choose at least one volunteer.
already_confirmed = This is already confirmed.
mail_help_offered_subject = Someone near you needs help: { $help }
mail_help_offered_body = Hello, { $name }!

    The front-office asks whether you can help: { $help }, { $place }. The first volunteer to accept takes it.

    { $link }
mail_help_taken_subject = The request has been taken: { $help }
mail_help_taken_body = Another volunteer has taken this request ({ $help }). Thank you for being ready to help.
mail_emergency_call_subject = Emergency call: { $event }
mail_emergency_call_body = Hello, { $name }!

    Volunteers near you are called: { $event }. If you can come, answer the call:

    { $link }

## Help request pages
help_title = Ask for help
help_lead = Tell us what you need. A volunteer near you will come; the front-office of your region calls you first. Your phone, address and name are seen only by the front-office and the volunteer who helps you.
help_intake_title = Request taken by phone
help_intake_lead = Fill in what the caller says. The phone counts as confirmed: you spoke to the person.
help_field_category = Who needs help
help_field_type = What help
help_field_description = What is needed
help_field_locality = Town, village or district
help_field_address = Address
help_field_phone = Phone
help_field_name = Name of the person
help_field_point = Place on the map (optional)
help_point_hint = If you know the coordinates (a map app shows them), write them; otherwise the front-office finds the address.
help_field_lang = Language to speak
help_field_urgency = How urgent
help_field_when = Preferred time (optional)
help_field_preferred_from = From
help_field_preferred_to = To
help_privacy_note = Only the front-office of your region and the volunteer who takes your request see your phone, address and name. They are erased some time after the help is given.
help_submit = Send the request
help_urgency_critical = Very urgent
help_urgency_high = Urgent
help_urgency_normal = Not urgent
help_code_title = Enter the code from the SMS
help_code_lead = We sent a code to your phone. Enter it to confirm your request.
help_field_code = Code
help_code_submit = Confirm
help_code_resend = Send the code again
help_code_confirmed = Your request is confirmed. The front-office of your region will call you.
help_thanks_title = Thank you
help_done_title = Was the help given?
help_done_lead = Enter the code from the SMS to confirm that the volunteer helped you. You may add a few words.
help_done_confirmed = Thank you: the help is confirmed.
help_field_feedback = Your words
help_field_rating = Rating
flash_code_sent = A new code was sent.
flash_help_filed = The request is filed.
flash_call_raised = The call is raised; volunteers nearby are told.
help_desk_title = Help requests
help_queue_new = New, to triage
help_queue_open = Approved, waiting for a volunteer
help_queue_taken = Taken
help_queue_done = Done
help_none = None.
help_filed = Filed
help_status = Status
help_status_new = new
help_status_triaged = approved
help_status_offered = offered
help_status_assigned = taken
help_status_in_progress = in progress
help_status_completed = done
help_status_cancelled = cancelled
help_status_rejected = rejected
help_status_duplicate = duplicate
help_triage = Triage
help_approve = Approve
help_duplicate = Mark as duplicate
help_duplicate_of = Key of the original request
help_cancel = Cancel the request
help_ranked = Volunteers who could help, best first
help_offer = Offer
help_why = Why
help_offer_submit = Offer to the chosen volunteers
help_take = I will help
help_decline = Not this time
help_start = I am on my way
help_minutes = Minutes spent
help_complete = Done
help_release = Give it back
help_confirmed_by_phone = The person confirmed by phone
help_person_confirmed = Confirmed by the person
my_help_title = My help requests
my_help_offered = Offered to me
my_help_taken = Taken by me
my_help_near = Open near me
my_help_near_hint = The regional front-office offers these requests to the volunteers best placed to help. Once one is offered to you, it appears under "Offered to me" and you can take it.
my_help_point = My place for requests near me
my_help_point_hint = Private: only used to find requests and emergency calls near you. Leave empty to use your region.
emergency_title = Emergency call
emergency_raise_title = Raise an emergency call
emergency_raise_lead = Adult volunteers within the radius (with one of the skills, if you name some) are told at once.
emergency_field_title = What happened
emergency_field_radius = Radius, km
emergency_field_skills = Skills wanted (comma-separated)
emergency_field_when = When
emergency_raise = Raise the call
emergency_open = Open emergency calls
emergency_answer = I am coming
emergency_roll = Roll-call
emergency_notified = { $n } volunteers were told.
emergency_mark = Mark
emergency_close = Close the call
emergency_status_open = open
emergency_status_closed = closed
emergency_roll_present = present
emergency_roll_safe = safe
nav_help = Ask for help
nav_my_help = Help requests

## Charity collections
amount_malformed = Enter an amount in tenge like 1 500 or 1 500,50.
amount_not_positive = The amount must be more than zero.
amount_fractional_tiyn = At most two digits after the decimal separator (tiyn). Separate thousands with spaces: 1 500.
amount_too_large = The amount is too large: at most 1 000 000 000 000 ₸.
iban_malformed = A Kazakh account (IBAN) has 20 characters: KZ, two check digits and 16 letters or digits, like KZ86 125K ZT50 0410 0100.
iban_checksum = This IBAN is not valid: check the characters (the two digits after KZ are check digits).
account_is_card = This is a payment card number. A collection's money goes to the organization's bank account (IBAN), never to a personal card.
at_least_one_language = Write this in at least one language.
receipt_not_document = Use a PDF document or a PNG, JPEG or WebP photo.
file_too_large = The file is too large: at most { $max_kib } KiB.
currency_unsupported = Only payments in tenge (KZT) are accepted.
notification_malformed = The payment notification is not in the documented format.
collection_not_allowed = This is not possible in the collection's current state.
collection_forbidden = You may not take this step for this collection.
expense_four_eyes = Another coordinator must approve this expense: the one who recorded it cannot.
expense_over_balance = This expense is more than the collection holds.
collection_status_draft = Draft
collection_status_submitted = Awaiting registration
collection_status_registered = Registered
collection_status_active = Collecting
collection_status_closed = Closed
collection_status_reported = Report published
collection_status_rejected = Rejected
collection_status_suspended = Suspended
beneficiary_children = Children
beneficiary_elderly = Elderly people
beneficiary_disabled = People with disabilities
beneficiary_sick = People in need of treatment
beneficiary_low_income = Low-income families
beneficiary_large_families = Large families
beneficiary_emergency_victims = Victims of emergencies
beneficiary_animals = Animals
beneficiary_other = Others
expense_category_purchase_goods = Purchase of goods
expense_category_medical = Treatment and medicine
expense_category_food = Food
expense_category_transport = Transport and delivery
expense_category_rent = Rent
expense_category_services = Services
expense_category_direct_aid = Direct aid
expense_category_bank_fees = Bank fees
expense_category_other = Other
channel_bank_transfer = Bank transfer
channel_card = Card payment
channel_cash_box = Donation box
channel_other = Other
expense_status_pending = Awaiting approval
expense_status_approved = Approved
expense_status_rejected = Rejected
money_kind_donation = Donation
money_kind_expense = Expense
money_kind_reversal = Refund

## Charity pages
collections_title = Charitable collections
collections_intro = Collections registered by the regional front-offices. Every tenge received and spent is in the public log and can be checked.
field_beneficiary = Who it helps
collections_none = No collections here yet.
collection_progress = Raised of the target
collection_registered_as = registration no.
collection_report_overdue = Closing report overdue
collection_money = Money
collection_target = Target
collection_raised = Raised
collection_spent = Spent
collection_remainder = Remainder
collection_donors = Donations
collection_trail = Check it yourself (the money trail with proofs)
collection_not_proven_yet = These figures will be proven in the public log at the next checkpoint.
collection_pending_entries = Some recent records will be added to the public log at the next checkpoint.
collection_proven_at = Computed from the public log at checkpoint {"{"}size{"}"} of {"{"}at{"}"}.
collection_give = Give
field_amount_kzt = Amount, ₸
field_donor_name = Your name (for the receipt; not shown publicly)
field_public_name = Name to show publicly
field_public_name_hint = Leave empty to appear as "Anonymous".
collection_give_card = Pay by card
collection_account = Account for transfers
collection_report = Closing report
collection_donations = Donations
collection_no_donations = No donations yet.
collection_estimate = estimated value
collection_refunded = refunded
collection_expenses = Expenses
collection_no_expenses = No expenses yet.
collection_receipt = receipt
collection_qr = QR code for posters and donation boxes
collection_manage = Manage this collection
collection_new_title = New charitable collection
collection_new_intro = The collection goes to your region's front-office for registration before it can take donations. Money is collected only to your organization's bank account, never to a personal card.
field_purpose_kk = Purpose in Kazakh
field_purpose_ru = Purpose in Russian
field_purpose_en = Purpose in English
field_target = Target, ₸
field_start_date = First day
field_end_date = Last day
field_iban = Account (IBAN)
field_bank_name = Bank
field_holder_bin = BIN of the account holder
field_box_location = Donation box (where it stands), optional
collections_queue_title = Collections to register
collection_public_page = public page
collection_steps = What to do next
field_registration_number = Registration or notification number
field_closing_report = Closing report: raised, spent and what happens to the remainder
collection_step_submit = Send for registration
collection_step_register = Register
collection_step_reject = Reject
collection_step_activate = Open for donations
collection_step_suspend = Suspend
collection_step_resume = Resume
collection_step_close = Close the collection
collection_step_report = Publish the closing report
collection_step_withdraw = Take back to edit
collection_record_donation = Record a donation
field_channel = How it came
field_bank_document = Bank document number
field_box_number = Donation box number
field_act = Act (number, who signed it)
collection_submit_expense = Submit an expense
field_expense_category = Category
field_expense_description = What for (no names of beneficiaries)
field_payee = Paid to (organization)
field_receipt = Receipt (PDF or photo)
expense_approve = Approve
expense_reject = Reject
donor_anonymous = Anonymous
organization_not_verified = Only a verified organization can open a collection.
collection_not_active = This collection does not take donations now.
collection_not_editable = Only a draft or rejected collection can be edited.
collection_changed = The collection was changed meanwhile; reload the page.
box_number_taken = Each donation box needs its own number.
payments_not_configured = Card payments are not set up.
payment_unknown = The payment is not known yet.
signature_invalid = The signature of the notification is not valid.
collection_unknown = No such collection.
already_reversed = It was already reversed.
donation_duplicate = This donation was already recorded.

## Donation receipts
receipt_title = Donation receipt
receipt_organization = Organization
receipt_collection = Collection
receipt_donor = Donor
receipt_amount = Amount
receipt_date = Date
receipt_check_at = Check this receipt at:
receipt_valid = This receipt is genuine: the donation is recorded.
receipt_refunded_status = This donation was refunded.
receipt_shown_as = Shown publicly as
receipt_in_log = Recorded in the public log as leaf
receipt_pdf = Download the receipt (PDF)
mail_donation_receipt_subject = Your donation receipt { $code }
mail_donation_receipt_body = Thank you for your donation! Your receipt { $code } and its check are here: { $link }
    The receipt as PDF: { $link }.pdf
concern_report = Report a concern
concern_text = What looks wrong?
concern_contact = How to reach you (optional)
concern_send = Send to the front-office
concern_received = Thank you. The regional front-office will look into it.
concerns_title = Concerns about collections
concerns_none = No open concerns.
concern_close = Mark as handled

## Gifts in kind and the closing report
quantity_malformed = Enter a quantity more than zero, like 10 or 2,5.
too_many_files = Too many files at once: at most { $max }.
report_entries_pending = Some money records of this collection are not in the public log yet. Try again in a minute, after the next checkpoint.
goods_condition_new = New
goods_condition_like_new = Like new
goods_condition_good = Used, in good order
goods_condition_used = Worn
goods_condition_needs_repair = Needs repair
goods_unit_piece = pcs
goods_unit_pair = pairs
goods_unit_set = sets
goods_unit_pack = packs
goods_unit_box = boxes
goods_unit_kg = kg
goods_unit_litre = l
goods_unit_metre = m
remainder_use_returned_to_donors = Returned to the donors
remainder_use_moved_to_collection = Moved to another collection
remainder_use_kept_for_purpose = Kept for the same purpose
gift_record_title = Record a gift in kind
gift_intro = Goods given to the collection: what and how many, their photos and the signed handover act. Their value is shown as an estimate and never counted as money.
field_items = What was given (no names of beneficiaries)
field_quantity = Quantity
field_unit = Unit
field_condition = Condition
field_estimate = Estimated value, ₸ (optional)
field_photos = Photos (PNG, JPEG or WebP, up to 5)
field_handover_act = Handover act (PDF or photo)
field_donor_email = Donor's e-mail for the receipt (optional)
gifts_title = Gifts in kind
gifts_none = No gifts in kind yet.
gift_not_valued = not valued
gift_photo = Photo of the gift
gift_handover_act = handover act
collection_in_kind_estimate = Estimated value of gifts in kind
collection_in_kind_hint = Goods are not money: their estimated value is not counted in raised, spent or the remainder.
field_remainder_use = What happens to the remainder
field_remainder_text = In words: to whom it goes back, to which collection, what for
report_form_hint = When you publish, the figures are computed from the public log at its latest checkpoint.
report_spent_by_category = Spent by category
report_computed_at = Computed from the public log at checkpoint {"{"}size{"}"} of {"{"}at{"}"}.
report_published_on = Published on
mail_collection_report_due_soon_subject = The closing report of a collection is due in a week
mail_collection_report_due_soon_body = Hello, { $name }!

    The closing report of the collection "{ $purpose }" is due on { $due }. Publish it on the collection's page:

    { $link }
mail_collection_report_overdue_subject = The closing report of a collection is overdue
mail_collection_report_overdue_body = Hello, { $name }!

    The closing report of the collection "{ $purpose }" was due on { $due }; its public page now says that it is overdue. Publish it on the collection's page:

    { $link }
my_donations_title = My donations
my_donations_intro = Donations you made while signed in, each with its receipt.
my_donations_none = No donations are recorded under your account yet. Give by card while signed in, and they appear here.
my_donations_find = Find a collection
my_donations_amount = Amount
my_donations_date = Date
my_donations_channel = How
my_donations_receipt = Receipt
my_donations_receipt_pdf = PDF
my_donations_reversed = Refunded
profile_donations_link = See my donations and receipts

## Charity in figures: an organization's annual report, a region's and the country's year
charity_annual_title = Annual charity report
charity_regional_title = Charity in the region
charity_national_title = Charity in Kazakhstan
charity_national_subject = All regions
charity_annual_link = Annual charity report
charity_regional_link = Charity in figures
charity_figures_year = The year in figures
charity_figures_years = Other years
charity_figures_item = Item
charity_figures_amount = Amount
charity_figures_count = Number
charity_figures_opening = Balance at the start of the year
charity_figures_received = Received
charity_figures_received_total = Received in money
charity_figures_reversed = Refunded to donors
charity_figures_spent = Spent
charity_figures_spent_total = Spent in money
charity_figures_in_kind_received = Gifts in kind received (estimated value)
charity_figures_in_kind_given = Goods handed out in kind (value)
charity_figures_closing = Balance at the end
charity_figures_donations = Donations
charity_figures_by_month = By month
charity_figures_by_region = By region
charity_figures_download = Download
charity_figures_empty = Nothing was recorded in this period.
charity_figures_checkpoint = Computed from the public log at checkpoint { $size } of { $date }: anyone can compute these figures again from it.
charity_figures_no_checkpoint = The public log has no checkpoint yet: the figures will appear with the first one.
charity_figures_collections_hint = Each collection's page shows its donations, expenses with receipts and reports, all years together.

## Bank statement import
statements_title = Bank statements
statements_back = Back to the organization
statements_lead = Import the statement of the organization's account: each transfer in becomes a donation to the collection it was meant for, once, however often the statement is imported. Transfers that name no collection wait for you to assign them.
statements_waiting_link = { $n ->
    [one] One transfer to assign
   *[other] { $n } transfers to assign
}
statements_recent = Recent statements
statements_none = No statements yet.
statement_upload_title = Check a statement
statement_upload_hint = A CSV file (UTF-8 or Windows-1251; cells separated by semicolons, commas or tabs) or an XLSX file, as your bank exports it. The columns are recognised by their headings; you can change them before anything is recorded.
statement_file = Statement file
statement_check = Check the statement
statement_unreadable = The file cannot be read: save the statement as CSV (UTF-8 or Windows-1251) or XLSX.
statement_empty = The statement has no rows after its header.
statement_mapping_incomplete = Choose the columns of the transaction id, the date and the amount.
statement_too_many_rows = The statement has more than 100,000 rows: split it.
statement_row_unreadable = The cells of this row do not line up with the statement's header (a cell too many or too few): its transaction cannot be read, and nothing of it was recorded.
statement_not_preview = This statement was already recorded or discarded.
statement_nothing_to_record = No transfer in can be read from this statement: check its columns.
statement_row_assigned = This transfer was already assigned.
statement_status_preview = Checked, not recorded
statement_status_applying = Recording…
statement_status_applied = Recorded
statement_status_discarded = Discarded
statement_field_transaction_id = Transaction id
statement_field_date = Date
statement_field_credit = Amount in (credit)
statement_field_debit = Amount out (debit)
statement_field_payer = Payer
statement_field_purpose = Purpose of payment
statement_field_account = Receiving account (IBAN)
statement_count_rows = Rows
statement_count_credits = Transfers in
statement_count_debits = Money out (skipped)
statement_count_refused = Refused rows
statement_count_donations = New donations
statement_count_waiting = To assign by hand
statement_count_known = Already recorded
statement_count_recorded = Recorded as donations
statement_progress = Progress
statement_mapping_title = Columns
statement_mapping_hint = Which column holds what. The transaction id must be the bank's id of the transfer, unique in the account: a transfer whose id was recorded before is not recorded again.
statement_header_line = Header row (line number)
statement_column_none = — not in the file —
statement_mapping_save = Read with these columns
statement_confirm_title = Record the transfers
statement_confirm_hint = Each transfer in becomes a donation to its collection, shown publicly as anonymous; the others wait for you to assign them.
statement_apply = { $n ->
    [one] Record one transfer
   *[other] Record { $n } transfers
}
statement_discard = Discard
statement_errors_title = Refused rows
statement_rows_title = Transfers in
statement_outcome_donation = New donation to:
statement_outcome_waiting = No collection found: to assign by hand
statement_outcome_known = Already recorded: nothing changes
statement_waiting_title = Transfers to assign
statement_waiting_lead = These transfers came into the account but name no collection. Assign each to one of the organization's active collections: it is recorded as its donation, once.
statement_waiting_none = No transfer waits for assignment.
statement_no_active_collection = The organization has no active collection to assign them to.
statement_assign_to = Collection
statement_assign = Assign
flash_statement_started = Recording the statement has started.
flash_statement_discarded = The statement was discarded.
flash_statement_assigned = The transfer was recorded as a donation.
collection_transfer_reference = Reference for bank transfers
collection_transfer_reference_hint = Write it in the purpose of a transfer: the organization's bank statement then shows which collection it is for.
