# The web review room and public reports. Every key exists in French too.

## /review and /summary publish in Discord
cmd-review = review
cmd-review-desc = Open the web review room (private link, 10 minutes)
review-link = Your link to the review room (valid for 10 minutes, single use, for you only): { $url }
review-disabled = The web review room is turned off on this bot (WEB_ENABLED).
cmd-publish = publish
cmd-publish-desc = Make the summary readable by anyone on the web
cmd-unpublish = unpublish
cmd-unpublish-desc = Take the public summary off the web
cmd-summary-show-desc = Who stands where, and why
report-published = The summary of discussion #{ $id } is public: { $url }
report-web-disabled = Public summaries are served by the web review room, which is turned off on this bot (WEB_ENABLED).
report-unpublished = The summary of discussion #{ $id } is no longer public.
report-not-published = The summary of discussion #{ $id } was not public.

## Navigation
# No arrow (→, ↗) in these words: the pages draw it after them, hidden from screen
# readers, which read it aloud (« flèche droite ») in each link's name.
web-brand = Et vous ?
web-nav-label = Review room
web-skip = Skip to content
web-nav-discussions = Discussions
web-nav-audit = Audit log
web-nav-search = Search
web-nav-settings = Settings
web-nav-sign-out = Sign out
web-signed-out = Your session is closed.
web-console-new-link = To get a new link, stop this room (Ctrl+C where it runs) and start python -m bot web --guild { $guild } again: it prints a new link.
web-page-older = Older
web-pages = Pages
# The replies' two pagers, above and below the list: landmarks named apart.
web-pages-top = Pages (top of the list)
web-pages-bottom = Pages (end of the list)
web-page-next = Next
web-yes = yes
web-no = no
web-none = Nothing yet.
web-cancel = Cancel
web-save = Save
web-open-in-discord = Open in Discord
web-spoiler-show = Show the text its author hid (spoiler)
# A masked spoiler's name for screen readers (the page shows ▒▒▒).
web-spoiler-masked = hidden passage

## Signing in (the link from /review)
web-login-title = Sign in to the review room
web-login-explain = This link works once, for you only: it is used when you press the button.
web-login-button = Sign in
web-login-unconfirmed = This sign-in was not asked from its page: open your link again and press “Sign in”.
web-login-no-cookie = Your browser did not keep this page’s cookie: allow cookies for this site, then open your link again and press “Sign in”.

## Refusals and errors
web-refused-session-missing = Please sign in first.
web-refused-session-stale = Your session has expired.
web-refused-session-revoked = You no longer manage this server: your session has ended.
web-refused-login-malformed = This sign-in link is incomplete.
web-refused-login-tampered = This sign-in link is not valid.
web-refused-login-expired = This sign-in link has expired (it lasts 10 minutes).
web-refused-login-used = This sign-in link was already used (it works once).
web-refused-csrf = This form has expired: reload the page and try again.
web-refused-rate = Too many sign-in attempts: please wait a minute.
web-refused-hint = To get a new link, type /review in your Discord server (Manage Server permission).
web-not-found = Page not found.
web-not-found-other-server = You are signed in to the server “{ $name }”. For a page of another server, type /review in that server: its link signs you in there.
web-server-line = Server: { $name }
web-wrong-method = This address is for a form, not a link: go back to the previous page and use its button.
web-bad-form = This form could not be read: reload the page and try again.
web-address-too-long = This address is too long: go back to the previous page and shorten your search.
web-too-large = This form is too large.
web-bad-encoding = This address holds characters that cannot be read (an encoding other than UTF-8): go back to the previous page and try again.
web-repeated-parameter = “{ $name }” is given more than once in this address: go back to the previous page and try again.
web-unexpected = Something unexpected went wrong; it has been logged.
# A page's title when what was sent is refused on the page itself.
web-error-title = Error: { $title }
# A filter the admin typed is named by its label; any other name is a link's own.
web-bad-filter = { $name ->
    [q] Invalid value for “{ web-filter-search }” ({ $name }).
    [option] Invalid value for “{ web-filter-option }” ({ $name }).
    [basis] Invalid value for “{ web-filter-basis }” ({ $name }).
    [member] Invalid value for “{ web-filter-member }” ({ $name }).
    [since] Invalid value for “{ web-filter-since }” ({ $name }).
    [until] Invalid value for “{ web-filter-until }” ({ $name }).
    [votes] Invalid value for “{ web-filter-votes }” ({ $name }).
    [sort] Invalid value for “{ web-filter-sort }” ({ $name }).
   *[other] Invalid value for “{ $name }”: this link is incomplete or altered; go back to the previous page.
  }

## Discussions
web-discussions-title = Discussions
web-discussions-none = No discussion yet.
web-discussions-caption = Discussions, newest first
web-members-discord = { $n ->
    [1] Shares are out of the server's only member.
   *[other] Shares are out of the server's { $n } members.
  }
web-members-known = { $n ->
    [1] Shares are out of the only member who took part.
   *[other] Shares are out of the { $n } members who ever took part.
  }
web-members-unknown = Number of members unknown.
# The discussion's number: the column shows « # », which a screen reader reads « number sign ».
web-col-number = Number
web-col-question = Question
web-col-status = Status
web-col-opened = Opened
web-col-closes = Closes
web-col-replies = Replies
web-col-participants = Participants
web-col-share = Share of members
web-col-stance = Stance
web-col-when = When
web-col-who = Who
web-col-action = Action
web-col-target = Target
web-status-open = open
web-status-closed = closed
web-export-csv = Export as CSV
# The CSV's separator: commas for tools, semicolons for an Excel whose list separator is ";".
web-export-dialect = Separator
web-export-dialect-rfc4180 = Comma (tools, RFC 4180)
web-export-dialect-excel = Semicolon (Excel in French)
web-export-jsonl = Export as JSONL

## A discussion
web-discussion-title = Discussion #{ $id }
web-discussion-open-until = Opened { $opened }, closes { $closes }.
web-discussion-closed-at = Opened { $opened }, closed { $closed }.
web-discussion-figures = { $participants ->
    [one] 1 participant
   *[other] { $participants } participants
  }, { $replies ->
    [one] 1 reply
   *[other] { $replies } replies
  }
web-discussion-share = { $share } of members
web-percent = { $percent }%
web-count = { $n }
web-report-publish = Publish the summary
web-report-unpublish = Take the public summary down
web-unpublish-title = Take the public summary down?
web-unpublish-explain = The public link stops working at once for everyone who has it; publishing again gives a different link. The action is written to the audit log.
web-report-public-at = Public summary:
web-report-published-badge = public
# $brand: the bot's name (web-brand), marked as French in a page in another language.
web-report-footer = Summary published by the server's moderators with the “{ $brand }” bot. Quotes are the members' own words; members who opted out of storage never appear.
web-replies-title = Replies
web-replies-of = Replies of discussion #{ $id }
web-replies-none = No reply matches.
web-filter-search = Search
web-filter-option = Option
web-filter-basis = Stance
web-filter-declared = declared
web-filter-inferred = inferred from the text
web-filter-member = Member (id)
web-filter-since = From
web-filter-until = Until
web-filter-votes = Votes
web-filter-any = any
web-filter-with-votes = with votes
web-filter-without-votes = without votes
web-filter-sort = Sort
web-filter-apply = Filter
web-filter-clear = Clear the filters
web-filter-inferred-unavailable = Inferred stances come from the summary, which is not available for this discussion.
# A filter typed wrong: said beside its field, after web-bad-filter.
web-filter-hint-id = Type the member's Discord id: digits only (their page in this room shows it).
web-filter-hint-date = Type a date as YYYY-MM-DD (for example 2026-11-23).
web-filter-hint-order = This date must come after “{ web-filter-since }”.
web-filter-hint-search = 200 characters at most, no control characters.
web-sort-new = newest first
web-sort-old = oldest first
web-sort-votes = most votes
web-reply-tombstone = Deleted reply ({ $when }).
web-erased-by-discord = deleted on Discord
web-erased-by-member = erased at its author's request
web-erased-by-staff = erased by the moderators
web-erased-by-retention = erased by the retention period
web-reply-edited = edited { $when }
web-reply-via-form = via “Reply”
web-reply-declared = declares: { $option }
web-reply-inferred = inferred: { $option }
web-reply-history = { $n ->
    [one] 1 earlier version
   *[other] { $n } earlier versions
  }
web-reply-replaced = replaced { $when }
web-reply-votes = { $agree ->
    [one] { $agree } agrees
   *[other] { $agree } agree
  } · { $disagree ->
    [one] { $disagree } disagrees
   *[other] { $disagree } disagree
  } · { $passed ->
    [one] { $passed } passes
   *[other] { $passed } pass
  }
web-reply-erase = Erase the text
# After a reply's links, for screen readers only: which reply they act on.
web-reply-which = (reply by { $author }, { $when })
# After a summary's link to a quote in Discord, for screen readers only: whose it is.
web-quote-which = (reply by { $author })
web-erase-title = Erase this reply's text?
web-erase-explain = The text, its earlier versions and the votes on this reply will be erased from the database, for good. The action is written to the audit log. The message stays on Discord.
web-erase-confirm = Erase for good
web-erased-done = The text of reply { $id } was erased.

## The summary
web-summary-title = Summary
web-summary-counts = { $participants ->
    [one] 1 participant
   *[other] { $participants } participants
  } · { $replies ->
    [one] 1 reply
   *[other] { $replies } replies
  } analysed
web-summary-col-option = Option
web-summary-col-declared = Declared
web-summary-col-inferred = Inferred from the text
web-summary-col-combined = Total
web-summary-caption = Stances per option
web-summary-leanings = Replies that lean one way, without certainty:
web-summary-arguments = Each side's arguments
web-summary-no-arguments = No argument quoted.
web-summary-keywords-of = Words that set this side apart:
web-summary-keywords = Keywords:
web-summary-unavailable = The summary could not be computed; the rest of the page is up to date.
web-theme-replies = { $n ->
    [one] 1 reply
   *[other] { $n } replies
  }
web-theme-mix = { $n } ({ $declared } declared, { $inferred } inferred)
web-theme-unclear = { $n ->
    [one] 1 reply without a clear stance (none declared, none inferred with enough confidence)
   *[other] { $n } replies without a clear stance (none declared, none inferred with enough confidence)
  }
web-groups-title = Opinion groups
web-groups-from-votes = From the votes of { $n ->
        [one] { $n } member
       *[other] { $n } members
    }:
web-groups-group = Group { $letter } ({ $n ->
    [one] 1 member
   *[other] { $n } members
  })
web-groups-agree = agrees with:
web-groups-disagree = disagrees with:
web-groups-consensus = What brings people together
web-groups-divisive = What divides
web-groups-profile = { $n ->
    [one] 1 reply describes its author rather than arguing: kept out of the groups.
   *[other] { $n } replies describe their authors rather than arguing: kept out of the groups.
  }

## A member
web-member-title = Member { $id }
web-member-replies = { $n ->
    [one] stored reply
   *[other] stored replies
  }
web-member-stances = { $n ->
    [one] declared stance
   *[other] declared stances
  }
web-member-votes = { $n ->
    [one] vote
   *[other] votes
  }
web-member-suggestions = { $n ->
    [one] suggested question
   *[other] suggested questions
  }
web-member-opted-out = opted out of storage
web-member-declared = Declared stances
web-member-recent = Replies

## Audit log
web-audit-title = Audit log
web-audit-local = local console
# Who erased a member's data from python -m bot forget.
web-audit-cli = command line
web-audit-setup = setup
web-audit-pause = schedule paused
web-audit-resume = schedule resumed
web-audit-post = question posted
web-audit-close = discussion closed
web-audit-reopen = discussion reopened
web-audit-extend = discussion extended
web-audit-question-add = question added
web-audit-question-import = questions imported
web-audit-question-remove = question removed
web-audit-question-edit = question edited
web-audit-export = export
web-audit-answer-delete = reply text erased
web-audit-member-data-erased = member data erased
web-audit-report-publish = summary published
web-audit-report-unpublish = summary taken down
web-audit-report-names-on = names shown in public summaries
web-audit-report-names-off = names hidden in public summaries
web-audit-suggestion-add = question suggested by a member
web-audit-suggestion-approve = suggestion approved
web-audit-suggestion-edit = suggestion edited
web-audit-suggestion-reject = suggestion rejected

## Settings
web-settings-title = Settings
web-settings-saved = Settings saved.
web-settings-report-names = Show members' names in public summaries
web-settings-report-names-help = Off by default: public summaries quote replies without saying who wrote them. Members who opted out never appear.
web-search-title = Search the replies
web-search-title-for = "{ $query }" — search
web-search-label = Words or a "phrase" to find
web-search-help = In every discussion of the server, accents and case aside; a phrase in quotes is looked for as it stands.
web-search-submit = Search
web-search-found = Replies found, newest first
web-search-none = No reply contains what was searched for.
web-search-window = { $found ->
    [0] None of the { $n } newest replies read holds what was searched for; the older ones remain to search.
   *[other] The search read the { $n } newest replies; the older ones remain to search.
}
web-search-older = Search the older ones
