# Et vous ? — English catalog

## Commands (English names are the base; these mirror them)
cmd-setup = setup
cmd-setup-desc = Configure the discussions
cmd-schedule = schedule
cmd-schedule-desc = The posting schedule
cmd-schedule-show-desc = Next posts and status
cmd-schedule-pause-desc = Stop posting questions
cmd-schedule-resume-desc = Post questions again
cmd-show = show
cmd-pause = pause
cmd-resume = resume
cmd-question = question
cmd-question-desc = The question bank
cmd-question-add-desc = Add a question
cmd-question-list-desc = List the question bank
cmd-question-remove-desc = Remove a question
cmd-question-edit-desc = Edit a question in the bank
cmd-question-import-desc = Import an article's questions
cmd-question-post-desc = Post a question now
cmd-add = add
cmd-list = list
cmd-remove = remove
cmd-edit = edit
cmd-import = import
cmd-post = post
cmd-discussion = discussion
cmd-discussion-desc = Close, extend or reopen a discussion
cmd-discussion-close-desc = Close a discussion now
cmd-discussion-reopen-desc = Reopen a closed discussion
cmd-discussion-extend-desc = Keep a discussion open longer
cmd-extend = extend
cmd-close = close
cmd-reopen = reopen
cmd-summary = summary
cmd-summary-desc = Who stands where, and why
cmd-position = position
cmd-summary-position-desc = Where you stand among the opinion groups
cmd-answers = answers
cmd-answers-desc = Stored replies
cmd-answers-list-desc = Browse stored replies
cmd-answers-export-desc = Export stored replies
cmd-answers-delete-desc = Erase a stored reply's text
cmd-export = export
cmd-delete = delete
cmd-mydata = mydata
cmd-mydata-desc = What the bot stores about you
cmd-mydata-show-desc = See what is stored about you
cmd-mydata-delete-desc = Erase your data in this server
cmd-mydata-optout-desc = Stop storing anything about you
cmd-mydata-optin-desc = Allow storing again
cmd-optout = optout
cmd-optin = optin
opt-channel = channel
opt-channel-desc = Forum (one post per question) or text channel
opt-cron-desc = When to post, cron with 5 fields (default: Mondays 18:00)
opt-timezone = timezone
opt-timezone-desc = IANA time zone, e.g. Europe/Paris
opt-duration = duration_hours
opt-duration-desc = How long a discussion stays open (1–720 hours)
opt-language = language
opt-language-desc = Language of the posts
opt-retention = retention_days
opt-retention-desc = Erase reply texts after this many days (0: never)
opt-text = text
opt-text-desc = The question
opt-options = options
opt-options-desc = Stances to choose from, separated by |, e.g. Yes|No|Nuanced
opt-id = id
opt-question-id-desc = The question's number (/question list)
opt-import-options-desc = Options for every question, separated by | (default: chosen for each)
opt-answers-discussion-desc = Only this discussion (default: all of them)
opt-answers-member-desc = Only this member's replies
opt-format-desc = The file's format (default: JSONL)
choice-format-csv-excel = CSV for Excel in French (semicolons)
opt-file = file
opt-file-desc = A UTF-8 text file with an "And you?" or "Et vous ?" section
opt-url = url
opt-url-desc = The article's web address (instead of a file)
opt-discussion = discussion
opt-discussion-desc = Discussion id (default: this thread)
opt-edit-text-desc = The new wording (default: unchanged)
opt-edit-options-desc = The new stances to choose from, separated by |
opt-edit-category-desc = Its new category
opt-hours = hours
opt-extend-hours-desc = Hours added to its closing time
opt-discussion-id-desc = Discussion id
opt-member = member
opt-search = search
opt-search-desc = Words or a "phrase" the replies contain
opt-format = format
opt-message-id = message_id
opt-message-id-desc = The reply's message id, or its link (Copy Message Link)
opt-download = download
opt-download-desc = Also send it as a JSONL file

## Posts
post-stances = Stances
post-closes = Closes
post-closed = Closed
post-closes-after = { $open_for } after it is posted
post-source = Source
# A source's title in another language than the post's: « Sora… (in French) ».
post-source-in = { $source } ({ $written ->
        [fr] in French
       *[en] in English
    })
post-footer = Discussion #{ $id } · Et vous ?
post-role-ping = { $role }: a new question is open.
button-reply = Reply
button-card = Give my opinion
hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}

## Participation
stance-recorded = Noted: your stance is **{ $option }**. You can change it, or withdraw it, at any time.
stance-withdraw = Withdraw my stance
stance-withdrawn = Your stance is withdrawn. You can declare one again at any time while the discussion is open.
modal-title = Your reply
modal-label = What do you think?
modal-posted = **{ $author }** replies:
    { $text }
modal-thanks = Thanks! Your reply is posted: { $link }
modal-text-kept = Your text, so you do not lose it
ctx-delete-my-reply = Delete my reply
form-reply-deleted = Your reply is deleted, from the thread and from what the bot keeps.
error-not-your-form-reply = This is not a reply you posted through the "{ $reply }" form (delete your own messages yourself).
error-delete-unavailable = Discord did not let the bot delete that message: your reply is still in the thread. Try again in a moment, or tell the moderation team.
card-agree = Agree
card-disagree = Disagree
card-pass = Pass
card-edited-since-vote = ✏️ Edited since your vote: your vote still counts until you vote again on this text.
card-link = In the thread
card-remaining = { $n ->
    [0] The last reply to see
    [one] { $n } more reply to see
   *[other] { $n } more replies to see
}
card-nothing-yet = No reply from other members to vote on yet: come back later, or reply yourself in the thread.
card-done = Nothing left to vote on: you have given your opinion on every reply. Thank you!
## Where I stand (the voting card's button, /summary position)
button-standing = Where I stand
standing-title = Where do you stand?
standing-group = You are in **group { $letter }** ({ $size ->
        [one] { $size } member
       *[other] { $size } members
    }), one of the { $groups ->
        [one] { $groups } opinion group
       *[other] { $groups } opinion groups
    } the votes draw.
standing-placed = { $votes ->
        [one] Your vote places
       *[other] Your { $votes } votes place
    } you nearest **group { $letter }** ({ $size ->
        [one] { $size } member
       *[other] { $size } members
    }). { $needed ->
        [one] { $needed } more vote
       *[other] { $needed } more votes
    } and you will count in the groups.
standing-placed-only = { $votes ->
        [one] Your vote places
       *[other] Your { $votes } votes place
    } you nearest **group { $letter }** ({ $size ->
        [one] { $size } member
       *[other] { $size } members
    }). { $over ->
        [yes] { $votes ->
            [one] It was
           *[other] They were
        } too few to count in the groups.
       *[no] { $votes ->
            [one] It
           *[other] They
        } will count in the groups once there are more replies for you to vote on.
    }
standing-needed = { $needed ->
        [one] { $needed } more vote
       *[other] { $needed } more votes
    } (“{ $card }” button) and you will find your place among the opinion groups.
standing-needed-wait = No reply is left for you to vote on (not your own): you will find your place among the opinion groups once there are more replies.
standing-needed-closed = Your votes were not enough to place you in an opinion group.
standing-no-groups = { $missing ->
    [too_few_replies] No opinion groups yet: at least two replies are needed to vote on.
    [no_votes] No opinion groups yet: nobody has voted on the replies yet.
    [too_few_participants] No opinion groups yet: too few members have voted enough.
    [one_opinion] No opinion groups: the votes draw only one camp.
   *[no_structure] No clear opinion groups yet: the votes do not draw camps yet.
}
standing-no-groups-closed = { $missing ->
    [too_few_replies] No opinion groups: at least two replies were needed to vote on.
    [no_votes] No opinion groups: nobody voted on the replies.
    [too_few_participants] No opinion groups: too few members voted enough.
    [one_opinion] No opinion groups: the votes drew only one camp.
   *[no_structure] No clear opinion groups: the votes did not draw camps.
}
standing-majority = You voted as most others did on { $same } of your { $known ->
        [one] { $known } agree or disagree vote
       *[other] { $known } agree or disagree votes
    }.
standing-stands-for = What your group thinks
standing-apart = Where you vote unlike your group
standing-line-agree = { $percent }% agree with “{ $quote }”
standing-line-disagree = { $percent }% disagree with “{ $quote }”
standing-yours = { $vote ->
    [agree] you: agree
    [disagree] you: disagree
    [pass] you: passed
    [closed] you: did not vote
    [own] your reply
   *[none] you: not voted yet
}
standing-footer = You voted on { $votes ->
        [one] { $votes } reply
       *[other] { $votes } replies
    }. Only you can see this message.

## Schedule
setup-done = All set. Here is the schedule:
setup-language-server = Language of the posts: { $chosen }, your server's language on Discord. To change it: /setup language:
setup-language-default = Language of the posts: { $chosen }, the bot's default (your server's language on Discord is neither French nor English). To change it: /setup language:
setup-zone-fixed = ⚠️ The { $timezone } zone never changes for summer time: posts will move by an hour against local clocks twice a year. Prefer a city's zone, e.g. Europe/Paris or America/New_York.
schedule-title = Question schedule
schedule-channel = Channel
schedule-cron = When
schedule-cron-code = cron: { $cron }
schedule-duration = Discussion length
schedule-language = Language of the posts
language-fr = Français
language-en = English
schedule-state = Status
schedule-active = ✅ Active
schedule-paused = ⏸️ Paused: { $reason }
schedule-next = Next posts
schedule-none = None
schedule-open = Open discussions
schedule-retention = Text retention
schedule-storage = Storage
schedule-storage-ok = ✅ Every reply, vote and click is stored.
schedule-storage-waiting = ⏳ The database is not answering: { $n ->
    [one] { $n } change waits
   *[other] { $n } changes wait
} in memory and will be written once it is back.
schedule-storage-set-aside = ⚠️ { $n ->
    [one] { $n } message could not be stored (the database refused it; the others were not held up). Its id is in the bot's log.
   *[other] { $n } messages could not be stored (the database refused them; the others were not held up). Their ids are in the bot's log.
}
retention-off = unlimited (never erased automatically)
schedule-shown = Here is the schedule:
schedule-paused-now = Posting paused.
staff-problem-notice = ⚠️ Posting is paused: { $reason }.
schedule-resumed = Posting resumed.
schedule-channel-lacking = ⚠️ The bot can no longer post in the discussion channel: it lacks { $permissions }. The next post will fail and pause the schedule.
schedule-channel-still-lacking = ⚠️ It still lacks { $permissions } there.
schedule-forum-tag-lacking = ⚠️ This forum now requires a tag on every post and has no "Et vous ?" tag (the bot creates one only with Manage Channels): the next post will fail and pause the schedule. Create the tag in the forum.
schedule-zone-unusable = ⚠️ The time zone "{ $timezone }" is not usable any more (this system's time zone data no longer knows it): nothing is posted. Choose a valid zone with /setup timezone:, e.g. Europe/Paris.
schedule-cron-unusable = ⚠️ The stored schedule is not usable any more: nothing is posted. Set it again with /setup cron:.
schedule-bank-used-up = ⚠️ No question left to post: the next slots post nothing. Add some with /question add or /question import.
schedule-rotation-used-up = ⚠️ No question left in the categories posted ({ $categories }): the next slots post nothing. Add some, or change /setup categories.
pause-reason-staff = at the staff's request (/schedule resume to restart)
pause-reason-missing-permissions = the bot lacks permissions in the channel; fix them, then /schedule resume
pause-reason-channel-missing = the discussion channel was deleted; pick another one with /setup
pause-reason-kicked = the bot was removed from the server
pause-reason-forum-tag = the forum requires a tag on every post; create an "Et vous ?" tag in it, then run /setup channel: again
pause-reason-rejoined = the bot was removed and invited again; check the channel, then /schedule resume

## Bank
bank-title = Question bank ({ NUMBER($total, useGrouping: "true") })
bank-empty = The bank is empty.
bank-category-empty = No question in the category "{ $category }". Categories in the bank: { $known }.
bank-category-none-yet = No question in the category "{ $category }": no question of the bank has a category yet. Give one with /question edit category: or /question add category:.
bank-legend = ✅ posted · ⏭️ posted next · 🕒 upcoming
bank-legend-rotation = { bank-legend } · 🚫 outside the categories posted: the schedule does not post it
# the number of a question or a suggestion in a list
list-number = #{ $id }
question-added = Question #{ $id } added (options: { $options }).
question-added-outside = Question #{ $id } added (options: { $options }), outside the categories posted ({ $categories }): the schedule will not post it. Put it in one of them (/question edit), or post it with /question post.
question-removed = Question #{ $id } removed from the bank.
question-edited = Question #{ $id } edited: { $text }
    (options: { $options }; { $sorted ->
        [yes] category: { $category }
       *[no] no category
    }). Discussions already posted keep the question as it was posted.
question-imported = { $added ->
    [one] { $added } question imported
   *[other] { $added } questions imported
}, { $skipped ->
    [one] { $skipped } duplicate skipped.
   *[other] { $skipped } duplicates skipped.
}
question-import-left-out = { question-imported } { $left ->
    [one] Line { $lines } of the article was left out: a question over { $max } characters, or text that is not UTF-8.
   *[other] Lines { $lines } of the article were left out: questions over { $max } characters, or text that is not UTF-8.
}
question-edited-outside = It is now outside the categories posted ({ $categories }): the schedule will not post it. Put it in one of them, or post it with /question post.
question-import-outside = { $added ->
    [one] It is outside the categories posted ({ $categories }): the schedule will not post it. Put it in one of them (/question edit), or post it with /question post.
   *[other] They are outside the categories posted ({ $categories }): the schedule will not post them. Put them in one of them (/question edit), or post them with /question post.
}
import-listed-more = … and { $more } more: /question list shows them all.
import-listed-others = … and { $more } more.
import-listed-duplicates = Duplicates skipped ({ $skipped }): already in the bank, or asked twice
import-listed-in-bank = already in the bank (question #{ $id })
import-listed-twice = asked twice in the article
question-import-left-out-spaced = { question-import-left-out } With the no-break spaces French puts before question marks, exclamation marks, colons and semicolons, { $spaced ->
    [one] line { $spaced_lines } is over { $max } characters: shorten it a little.
   *[other] lines { $spaced_lines } are over { $max } characters: shorten them a little.
}
question-posted = Discussion #{ $id } posted: <#{ $thread }>
question-posted-resumed = Discussion #{ $id } posted: <#{ $thread }>. Posting works again: the schedule resumes.

## Discussions
discussion-closed = 🔒 This discussion is closed. Here is the summary:
discussion-reopened = 🔓 The discussion is open again: it closes { $closes }.
discussion-choice = #{ $id } { $question }
discussion-closed-done = Discussion #{ $id } closed.
discussion-closed-summary-held = Discussion #{ $id } closed. Its summary could not be posted in { $thread }: the bot lacks { $permissions }. Give it these permissions in the channel: it will be posted the minute after.
discussion-reopened-done = Discussion #{ $id } reopened.
discussion-extended = ⏳ The discussion is extended: it closes { $closes }.
discussion-extended-done = Discussion #{ $id } extended: it closes { $closes }.

## Summary
summary-title = Summary of discussion #{ $id }
summary-counts = { $participants ->
        [one] { $participants } participant
       *[other] { $participants } participants
    } · { $replies ->
        [one] { $replies } reply
       *[other] { $replies } replies
    }
summary-option = **{ NUMBER($combined, useGrouping: "true") }** in all ({ $declared } declared, { $inferred } inferred from the text)
summary-option-keywords = *Words that set this side apart: { $words }*
summary-leanings = *Replies that lean one way, without certainty: { $counts }*
summary-leaning-item = { $option } { $n }
summary-keywords = Keywords
summary-themes = Themes
summary-themes-unclear = { $closed ->
        [yes] No clear themes.
       *[no] No clear themes yet.
    }
summary-quote-open = “
summary-quote-close = ”
summary-theme = 🏷️ { $label } · { $n ->
        [one] { $n } reply
       *[other] { $n } replies
    }{ $mix }
summary-theme-unclear = { $n ->
        [one] { $n } reply without a clear stance
       *[other] { $n } replies without a clear stance
    }
summary-failed-retrying = ⚠️ The summary of this discussion could not be posted (attempt { $attempts }): the bot will try again in a minute. `/summary show` shows it at any time.
summary-failed-final = ⚠️ The summary of this discussion could not be posted after { $attempts ->
        [one] { $attempts } attempt
       *[other] { $attempts } attempts
    }. `/summary show` shows it at any time.
groups-title = Opinion groups
groups-from-votes = From the votes of { $n ->
        [one] { $n } member
       *[other] { $n } members
    }:
groups-missing = { $missing ->
    [too_few_replies] No groups yet: at least two replies are needed to vote on.
    [no_votes] No groups yet: nobody has voted on the replies yet ("{ $card }" button).
    [too_few_participants] No groups yet: too few members have voted enough; about { $votes ->
        [one] { $votes } more vote is
       *[other] { $votes } more votes are
    } needed ("{ $card }" button).
    [one_opinion] No groups: the votes draw a single camp.
   *[no_structure] No clear groups yet: about { $votes ->
        [one] { $votes } more vote is
       *[other] { $votes } more votes are
    } needed ("{ $card }" button).
}
groups-missing-closed = { $missing ->
    [too_few_replies] No groups: at least two replies were needed to vote on.
    [no_votes] No groups: nobody voted on the replies.
    [too_few_participants] No groups: too few members voted enough (about { $votes ->
        [one] { $votes } more vote was
       *[other] { $votes } more votes were
    } needed).
    [one_opinion] No groups: the votes draw a single camp.
   *[no_structure] No clear groups: there were not enough votes (about { $votes ->
        [one] { $votes } more vote was
       *[other] { $votes } more votes were
    } needed).
}
groups-group = Group { $letter } ({ $n ->
        [one] { $n } member
       *[other] { $n } members
    })
groups-agree = agrees with “{ $quote }”
groups-disagree = disagrees with “{ $quote }”
summary-edited-after-votes = (edited after the votes)
groups-consensus = What brings people together
groups-divisive = What divides
groups-bridging = What brings people together across the divide
groups-profile = { $n ->
    [one] One reply that describes its author (age, origin…) is left out of the groups.
   *[other] { $n } replies that describe their authors (age, origin…) are left out of the groups.
}

## Text report (python -m bot analyze --format text)
report-question = Question: { $question }
report-counts = { $participants ->
        [one] { $participants } participant
       *[other] { $participants } participants
    }, { $replies ->
        [one] { $replies } reply
       *[other] { $replies } replies
    }
report-stances = Stances (declared + inferred = total)
report-stance = { $option }: { $declared } + { $inferred } = { NUMBER($combined, useGrouping: "true") }
report-leanings = Replies that lean one way, without certainty: { $counts }
report-leaning-item = { $option } { $n }
report-arguments = Arguments
report-no-argument = (no argument confident enough)
report-keywords = Keywords
report-option-keywords = Words that set apart “{ $option }”: { $words }
report-groups = Opinion groups
report-group = Group { $letter }: { $n ->
        [one] { $n } member
       *[other] { $n } members
    }
report-agrees = agrees with “{ $quote }”
report-disagrees = disagrees with “{ $quote }”
report-profile = ({ $n ->
        [one] { $n } reply describing its author
       *[other] { $n } replies describing their author
    } left out of the groups)
report-consensus = Consensus
report-divisive = Divisive
report-bridging = What brings people together across the divide
report-empty = No discussion.
report-themes = Themes
report-theme = { $label }: { $n ->
        [one] { $n } reply
       *[other] { $n } replies
    }{ $mix }
report-themes-unclear = { $closed ->
        [yes] (no clear themes)
       *[no] (no clear themes yet)
    }

## Summary charts
chart-declared = Declared
chart-inferred = Inferred from replies
chart-members = Members
# Under a bar, an option made of emoji only (the chart's font has none).
chart-option = Option { $n }
chart-no-stance = No stance yet
chart-no-stance-closed = No stance, declared or inferred
chart-alt-stances = Stances per option: declared and inferred from the texts
chart-alt-map = Opinion map: each dot is a member, coloured by group
chart-alt-map-you = Opinion map: each dot is a member, coloured by group; the star is you
chart-you = You
chart-map-title = Opinion map
chart-group = Group { $letter }
chart-group-size = { $n ->
    [one] { $n } member
   *[other] { $n } members
}
chart-ungrouped = No group

## /stats chart (participation)
chart-participants = Participants
chart-replies = Replies
chart-discussion = Discussion #
chart-hour-axis = Hour ({ $zone })
chart-per-discussion = Participation in recent discussions
chart-per-hour = Replies by hour of the day
chart-alt-participation = Participation chart: members and replies in each of the last discussions, then replies by hour of the day ({ $zone })
# An hour tick on the chart's axis, written as the schedule writes its times (cron-time).
chart-hour = { NUMBER($hour, minimumIntegerDigits: 2) }:00
# A discussion's share of the server's members, above its bar.
chart-share = { $percent }%

## Stored answers
answers-title = Stored replies
answers-none = No stored replies.
answers-none-found = No stored reply contains what was searched for.
answers-searched = Search: "{ $search }"
answers-line = `{ $id }` · discussion #{ $discussion } · **{ $author }** · { $when } · [link]({ $link })
answers-exported = Here is the export.
answers-deleted = The text of reply { $id } is erased (recorded in the audit log).
answers-deleted-discord-later = Discord could not be reached just now: its copy of this reply will be removed within a few minutes.
page-previous = Previous
page-next = Next

## My data
mydata-title = Your data in this server
mydata-intro = Here is what the bot keeps about you here:
mydata-counts = { $replies ->
        [one] { $replies } reply
       *[other] { $replies } replies
    } · { $stances ->
        [one] { $stances } stance
       *[other] { $stances } stances
    } · { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    } · { $suggestions ->
        [one] { $suggestions } suggested question
       *[other] { $suggestions } suggested questions
    }
mydata-is-opted-out = You opted out: nothing new is kept.
mydata-stances = Your stances
mydata-replies = Your latest replies
mydata-stance-line = #{ $id } { $question } → **{ $option }**
mydata-reply-line = [#{ $id }]({ $link }) { $text }
mydata-delete-confirm = Erase the text of all your replies, their revisions, your stances, your votes and your question suggestions (their cards in the staff channel too) in this server? This cannot be undone.
mydata-confirm = Yes, erase everything
mydata-cancel = Cancel
mydata-erased = Done: your data is erased ({ $n ->
        [one] { $n } reply
       *[other] { $n } replies
    }, { $suggestions ->
        [one] { $suggestions } suggestion
       *[other] { $suggestions } suggestions
    }).
mydata-kept = Nothing was erased.
cmd-erase-and-leave = erase-and-leave
cmd-erase-and-leave-desc = Erase everything the bot stored about this server, then leave it
erase-server-warning = ⚠️ Erase everything and leave **{ $server }**?
    The bot erases everything it stored about this server: every reply and its revisions, every vote, every stance, every question suggestion, the discussions and their summaries, the settings, the question bank, the web room's sessions and the published reports. Then it leaves the server. This cannot be undone: invited again, it starts from scratch with /setup.
    { $by ->
        [id] Its name shows nothing: to confirm, type this server's id, **{ $server }**, in the form.
       *[name] To confirm, type the server's exact name in the form.
    }
erase-server-open = Erase and leave…
erase-server-cancel = Cancel
erase-server-kept = Nothing was erased; the bot stays in the server.
erase-server-form-title = Erase everything and leave
erase-server-form-label = The server's name, to confirm
erase-server-wrong-name = { $by ->
        [id] That is not this server's id: nothing was erased.
       *[name] That is not the server's name: nothing was erased.
    } To confirm, type exactly **{ $server }**.
erase-server-leaving = 👋 The bot is leaving **{ $server }** and erasing everything it stored there. Goodbye!
erase-server-not-left = Discord did not let the bot leave the server: nothing was erased, and it stays as it was. Please try again in a moment.
erase-server-under-way = This server's erasure is already done or under way: nothing was erased twice.
mydata-opted-out = Understood: nothing of yours will be stored here any more: no messages, clicks or reactions. Your past data stays unless you erase it (/mydata delete).
mydata-opted-in = Understood: your messages, clicks and reactions are stored here again.

## Errors
error-guild-only = This command only works in a server.
error-staff-only = This command is for the moderation team.
error-bad-value = That value is not valid.
error-database-unavailable = The database is not answering right now; nothing is lost. Please try again in a moment.
error-unexpected = Something went wrong on our side. Please try again in a moment.
error-not-found-discussion = Discussion not found in this server.
error-not-found-question = Question not found in this server.
error-not-found-reply = Reply not found in this server.
error-search-empty = This search holds no word to look for.
error-cron = The cron "{ $cron }" is not valid: { $detail ->
        [cron_never] the date it names never comes (like 30 February). Example: "0 18 1 * *" (the 1st of every month at 18:00).
        [cron_too_long] it is longer than { $max } characters; a range (1-28) or a step (*/2) says the same in fewer.
        [cron_invalid] a field holds a value out of range or mistyped (minute 0–59, hour 0–23, day 1–31, month 1–12, weekday 0–7 or mon–sun), e.g. "0 18 * * 1".
       *[other] it needs 5 fields (minute hour day month weekday), e.g. "0 18 * * 1".
    }
error-timezone = Unknown time zone: "{ $timezone }". Example: Europe/Paris.
error-timezone-offset = "{ $timezone }" is an offset from UTC, not a time zone: most places change theirs for summer time. Choose your place's zone in the timezone option's list (type your city, or { $timezone } to see the zones at that offset today), e.g. Europe/Paris.
error-timezone-offset-fixed = "{ $timezone }" is an offset from UTC, not a time zone: most places change theirs for summer time. Choose your place's zone in the timezone option's list (type your city, or { $timezone } to see the zones at that offset today), e.g. Europe/Paris. To keep { $timezone } all year, choose { $fixed }.
error-duration = The duration must be between { $min } and { $max } hours.
error-language = Unsupported language (fr or en).
error-retention = Retention must be between 0 and { $max } days.
error-channel-kind = Pick a forum channel or a text channel.
error-bot-permissions = The bot cannot post in this channel. Missing permissions: { $permissions }.
permission-view-channel = View Channel
permission-send-messages = Send Messages
permission-send-messages-in-threads = Send Messages in Threads
permission-manage-threads = Manage Threads
permission-embed-links = Embed Links
permission-attach-files = Attach Files
permission-read-message-history = Read Message History
permission-create-public-threads = Create Public Threads
error-forum-tag-required = This forum requires a tag on every post, and it has no "Et vous ?" tag (the bot creates one only with Manage Channels): create it, then run /setup channel: again.
error-channel-missing = The discussion channel no longer exists. Pick another one with /setup.
error-not-setup = The bot is not set up here yet: run /setup.
error-bank-empty = Every question in the bank has been posted. Add some with /question add or /question import.
error-discord-unavailable = Discord is not answering right now; nothing was posted. Please try again later.
error-discord-no-answer-post = Discord did not respond to the post: nothing is recorded, and the question is back in the bank. If a post appeared in the channel all the same, delete it before posting again.
error-discussion-needed = Name a discussion, or run the command in its thread.
error-already-closed = This discussion is already closed.
error-thread-gone = This discussion's thread no longer exists (it was deleted in Discord): the discussion cannot be reopened.
error-reopen-unlock = The bot cannot unlock this discussion's thread, so nobody could reply there: the discussion stays closed. Give the bot { $permissions } in the discussions channel, then reopen it again.
error-reopen-no-answer = Discord did not respond while the bot opened the thread again: discussion #{ $id } stays closed. Please try again in a moment.
error-not-closed = This discussion is still open.
error-extend-hours = Give 1 to { $max } hours.
error-extend-closed = Discussion #{ $id } is closed: reopen it with /discussion reopen.
error-extend-too-long = { $left ->
        [0] A discussion cannot stay open more than { $max } hours from now, and this one already closes at that limit.
       *[other] A discussion cannot stay open more than { $max } hours from now: add { $left ->
            [one] 1 more hour
           *[other] { $left } more hours
        } at most.
    }
error-extend-busy = This discussion's closing time just changed: try again.
error-closed = This discussion is closed: replies and votes are no longer taken.
error-option = Unknown option.
error-opted-out = You opted out in this server (/mydata optin to come back).
error-empty-reply = Your reply is empty.
error-reply-too-long = Your reply is over { $max } characters.
error-reply-forbidden = The bot is not allowed to post in this discussion's thread, so your reply was not posted. Write it in the thread yourself, or tell the moderation team.
error-reply-not-allowed = You are not allowed to write in this discussion's thread, so the bot does not post for you.
error-thread-locked = The moderation team locked this discussion's thread: replies are not taken there for now.
error-timed-out = You are timed out in this server: your stance, your votes and your replies are not taken until the timeout ends.
error-own-reply = You cannot vote on your own reply.
error-question-empty = The question is empty.
error-question-no-words = The question has no words in it.
error-question-too-long = The question is over { $max } characters.
error-question-too-long-spaced = With the no-break spaces French puts before question marks, exclamation marks, colons and semicolons, the question is { $length } characters, over { $max }: shorten it a little.
error-question-duplicate = This question is already in the bank (question #{ $id }).
error-question-edit-nothing = Say what changes: the text, the options or the category.
error-options = Invalid options: { $min } to { $max } options separated by |, each 1 to { $chars } characters, no duplicates.
error-options-blank = The options need labels: those given show nothing (only spaces or invisible characters). Separate them with |, e.g. Yes|No|Nuanced, or leave the option out: { $left ->
        [kept] the options are kept as they are.
       *[chosen] they are then chosen from the question's wording.
    }
error-format = Unknown format (jsonl or csv).
error-csv-dialect = Unknown CSV variant (rfc4180 or excel).
error-export-too-large = The export is larger than a Discord file: download it from the review room (/review, then Export), which sends it whole; the bot's host can also run "python -m bot export".
error-import-too-large = The article is over 1 MB.
error-import-not-utf8 = The article is not UTF-8 text.
error-import-no-section = No "And you?", "Over to you" or "Et vous ?" section in this article.
error-import-no-question = The "{ $heading }" section holds no question.
error-import-questions-too-long = Every question of the "{ $heading }" section is over { $max } characters.
error-import-questions-too-long-spaced = With the no-break spaces French puts before question marks, exclamation marks, colons and semicolons, every question is over { $max } characters (the shortest has { $length }): shorten them a little.
error-import-bad-options = Invalid options.
error-import-too-many = Too many questions at once (at most { $max }).
error-import-file-and-link = Give the article's file or its link, not both.
error-import-no-file-or-link = Attach the article's file or give its link (the url option).
error-link-too-long = This link is too long (at most { $max } characters).
error-link-invalid = This link is not a valid web address.
error-link-scheme = Only http:// and https:// links are accepted.
error-link-credentials = The link must not hold a user name or a password.
error-link-refused = This link leads to a private or local address: the bot only reads public pages.
error-fetch-dns = The site { $host } cannot be found: check the link.
error-fetch-connect = The site { $host } does not respond: try again later or attach the article as a file.
error-fetch-tls = The secure connection to { $host } failed (invalid certificate): the page was not read.
error-fetch-timeout = The site { $host } did not send the page within { $seconds } s: try again later or attach the article as a file.
error-fetch-broken = The response from { $host } was cut off or unreadable: try again later.
error-fetch-redirects = This link sends on to another address more than { $max } times: give the article's final address.
error-fetch-status = { $status ->
    [404] The site { $host } has no such page (error 404): check the link.
    [410] The site { $host } has no such page (error 410): check the link.
    [401] The site { $host } asks to log in for this page (error 401): attach the article as a file.
    [403] The site { $host } refuses to give this page (error 403): attach the article as a file.
   *[other] The site { $host } answered with error { $status }: the page was not read.
}
error-fetch-too-large = The page at { $host } is over 1 MB (its layout and scripts count too): attach the article's text as a file.
error-fetch-type = This link leads neither to a web page nor to text (type { $type }): attach the article as a file.

## Question of the day: commands
cmd-suggest = suggest
cmd-suggest-desc = Suggest a question for the discussions
cmd-suggestions = suggestions
cmd-question-suggestions-desc = Members' pending suggestions
cmd-preview = preview
cmd-question-preview-desc = See the next post privately
cmd-stats = stats
cmd-stats-desc = Participation in the discussions
cmd-leaderboard = leaderboard
cmd-leaderboard-desc = The month's most regular participants
cmd-view = view
cmd-leaderboard-view-desc = The month's leaderboard
cmd-hide = hide
cmd-leaderboard-hide-desc = Leave the leaderboard
cmd-unhide = unhide
cmd-leaderboard-unhide-desc = Appear on the leaderboard again
opt-category = category
opt-category-desc = A category of the bank (optional)
opt-category-filter-desc = Only this category
opt-import-category-desc = The category of every imported question
opt-suggest-text-desc = Your question
opt-preview-id-desc = A question of the bank (default: the next one)
opt-stats-member-desc = A member (default: the whole server)
opt-month = month
opt-month-desc = YYYY-MM (default: this month)
opt-review-channel = review_channel
opt-review-channel-desc = Staff channel or thread where suggestions are reviewed
opt-credit = credit_suggesters
opt-credit-desc = Name the member who suggested a question on its post
opt-reminder-hours = reminder_hours
opt-reminder-hours-desc = Remind this many hours before a discussion closes (0: off)
opt-reminder-role = reminder_role
opt-reminder-role-desc = A role to mention in the reminder (default: nobody)
opt-question-role = question_role
opt-question-role-desc = A role to mention on each new question (default: nobody)
opt-leaderboard = leaderboard
opt-leaderboard-desc = Monthly participation leaderboard
opt-hide-counts = hide_counts
opt-hide-counts-desc = Hide stance counts until the discussion closes
opt-categories = categories
opt-categories-desc = Categories posted, in rotation order, comma-separated (* for all)
opt-clear = clear
opt-clear-desc = Turn one option off
clear-review-channel = review channel
clear-reminder-role = reminder role
clear-question-role = question role

## Question of the day: posts and reminders
post-category = Category
post-suggested-by = 💡 Suggested by
post-counts-hidden = Counts are revealed when the discussion closes.
# { $left }: reminder-left-hours or reminder-left-minutes
reminder-left-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
reminder-left-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
reminder-time = ⏰ **{ $left } left** to take part: the discussion closes { $closes }.
reminder-so-far = So far: { $participants ->
    [one] { $participants } participant
   *[other] { $participants } participants
} · { $replies ->
    [one] { $replies } reply
   *[other] { $replies } replies
}.
reminder-stances = Stances: { $stances }
preview-intro = 👁️ Preview of question #{ $id }, as members will see it (its buttons work and its closing time is set once it is posted):
preview-when = The schedule posts it { $when }, unless another question is picked to go first.
preview-by-hand = Post it with /question post.

## Question of the day: suggestions
suggestion-sent = Thank you! Your suggestion #{ $id } is with the moderation team. You will be told their decision by direct message, if you accept direct messages from this server.
suggestion-dm-approved = 💡 Good news: your suggestion for **{ $server }** was accepted: "{ $text }"
    { $next ->
        [yes] It will be the next question posted.
        [queued] It goes ahead of the rest of the bank, after the questions already chosen to go next.
        [outside] It is added to the question bank; the moderation team will choose when to post it.
       *[no] It is added to the question bank: it will be posted in its turn.
    }
suggestion-dm-rejected = Your suggestion for **{ $server }** was not kept: "{ $text }"
review-title = 💡 Suggestion #{ $id }
review-options = Options
review-by = Suggested by
review-when = Sent
review-decision = Decision
review-approve = Approve
review-approve-next = Approve, post next
review-edit = Edit
review-reject = Reject
review-approved = ✅ Approved by { $by }: question #{ $id }, at the end of the bank.
review-approved-outside = ✅ Approved by { $by }: question #{ $id }, outside the categories posted ({ $categories }): the schedule will not post it. Put it in one of them (/question edit), or post it with /question post.
review-approved-next = ✅ Approved by { $by }: question #{ $id }, posted next.
review-approved-queued = ✅ Approved by { $by }: question #{ $id }, posted after { $ahead ->
    [one] the question already chosen to go next.
   *[other] the { $ahead } questions already chosen to go next.
}
review-rejected = ✖️ Rejected by { $by }.
review-reason = Reason: { $reason }
review-reason-title = Reason
review-earlier = Suggested before
review-rejected-before = Already rejected on { $when }.
review-not-told = The decision is recorded, but { $member } could not be told by DM (their DMs are closed, or Discord did not respond).
reject-title = Reject suggestion #{ $id }
reject-reason-label = Reason (optional, sent to the member)
edit-title = Edit suggestion #{ $id }
edit-text-label = Question
edit-options-label = Options separated by | (blank for default)
edit-category-label = Category (optional)
suggestions-title = Pending suggestions ({ NUMBER($total, useGrouping: "true") })
suggestions-empty = No suggestion is waiting.
suggestions-legend = Pick a suggestion in the menu to review it.
suggestions-pick = Review a suggestion…

## Question of the day: settings
setting-on = on
setting-off = off
setting-suggestions = Suggestions
setting-review-silent = no review channel: they wait in /question suggestions
setting-review-lacking = ⚠️ The bot can no longer post the suggestions there: it lacks { $permissions }. Meanwhile they wait in /question suggestions.
setting-review-unreviewed = { $n ->
    [one] { $n } suggestion is waiting without a card in this channel: /question suggestions shows it.
   *[other] { $n } suggestions are waiting without a card in this channel: /question suggestions shows them.
}
setting-credit = Suggester named on the post: { $state }
setting-reminder = Reminder
setting-reminder-before = { $hours } before closing
setting-reminder-role = mentions { $role }
setting-reminder-role-waiting = { $role } will be mentioned once { $option } is set
setting-question-role = New questions
setting-question-role-on = mention { $role }
setting-question-role-off = mention nobody
setting-role-silent = ⚠️ Discord no longer lets the bot notify { $role }: make the role mentionable (Server Settings → Roles) or give the bot the “Mention @everyone, @here and All Roles” permission.
setting-counts = Counts on the post
setting-counts-hidden = hidden until the close
setting-counts-shown = shown live
setting-leaderboard = Monthly leaderboard
setting-categories = Categories posted
setting-categories-all = all, in bank order

## Question of the day: stats
stats-shown = Here are the figures:
stats-server-title = Participation in recent discussions
stats-discussion-line = **#{ $id }** { $question }: { $participants ->
        [one] { $participants } participant
       *[other] { $participants } participants
    }, { $replies ->
        [one] { $replies } reply
       *[other] { $replies } replies
    }{ $share }
stats-share = { " · " }{ $percent }% of members
stats-no-discussion = No discussion posted yet.
stats-busiest = Busiest hours ({ $zone })
# One of the busiest hours, written as the schedule writes its times (cron-time): 09:00.
stats-hour = { NUMBER($hour, minimumIntegerDigits: 2) }:00
stats-member-title = Participation
stats-member = { $member } took part in { $answered } of { $discussions ->
        [one] { $discussions } discussion
       *[other] { $discussions } discussions
    } ({ $replies ->
        [one] { $replies } reply
       *[other] { $replies } replies
    }).
stats-current-streak = Current streak
stats-best-streak = Best streak
# The value of either streak: discussions taken part in one after another; $kind is
# current or best (none: never taken part, or not in the last discussion).
stats-streak = { $n ->
        [0] { $kind ->
                [current] No streak at the moment
               *[best] No streak yet
            }
        [one] { $n } discussion
       *[other] { $n } discussions in a row
    }
leaderboard-shown = Here is the leaderboard:
leaderboard-title = Most regular participants, { $month }
month-in-year = { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
leaderboard-line = **{ $rank }.** { $member }: { $discussions ->
        [one] { $discussions } discussion
       *[other] { $discussions } discussions
    }, { $replies ->
        [one] { $replies } reply
       *[other] { $replies } replies
    }
leaderboard-line-yours = { leaderboard-line } ← you
leaderboard-more = …and { $n } more tied at these ranks
leaderboard-empty = Nobody has taken part this month yet.
leaderboard-you = Your place
leaderboard-you-hidden = You left the leaderboard: it does not show you, and other members do not see your figures. /leaderboard unhide to appear on it again.
leaderboard-you-opted-out = You opted out in this server: your participation is not counted. /mydata optin to have it counted again.
leaderboard-footer = Participation, not the "best" replies · /leaderboard hide to leave it
leaderboard-footer-hidden = Participation, not the "best" replies
leaderboard-hidden = Done: you no longer appear on the leaderboard, and other members no longer see your figures.
leaderboard-unhidden = Done: you appear on the leaderboard again.

## Question of the day: errors
error-not-found-suggestion = Suggestion not found in this server.
error-suggestion-asked = This question was already asked: discussion #{ $id }, { $thread }.
error-suggestion-duplicate = This question was already suggested (suggestion #{ $id }); it is waiting for the team.
error-suggestion-decided = Suggestion #{ $id } has already been decided.
error-suggest-rate = You can suggest { $n ->
        [one] { $n } question
       *[other] { $n } questions
    } a day. Your next suggestion is possible { $again }.
error-category = A category is 1 to { $max } characters: letters, digits, spaces, - and '.
error-category-blank = A category needs a name: the one given shows nothing (only spaces or invisible characters).
error-categories = Give 1 to { $max } categories separated by commas, or * for every question.
error-category-unknown = The bank has no category "{ $name }". Known categories: { $known }.
error-category-none = The bank has no category "{ $name }": no question has one yet. Give one with /question edit category: or /question add category:, then run /setup categories: again.
error-setup-channel-first = Choose the discussion channel first: /setup channel:#…
error-review-channel-kind = The review channel must be a text channel or a thread.
error-review-channel-no-answer = Discord did not respond when the bot asked for that thread: nothing was changed. Please try again in a moment.
error-reminder-hours = The reminder must be between 0 (off) and { $max } hours.
error-reminder-too-late = A reminder { $reminder ->
        [one] { $reminder } hour
       *[other] { $reminder } hours
    } before the close would never be sent: discussions last { $duration ->
        [one] { $duration } hour
       *[other] { $duration } hours
    }, so it must come before the discussion closes and after it opens. Choose a reminder of fewer than { $duration ->
        [one] { $duration } hour
       *[other] { $duration } hours
    } (/setup reminder_hours:), or 0 to turn it off.
error-cron-too-frequent = The schedule "{ $cron }" posts too often: questions must be at least { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} apart, or discussions pile up. Example: "0 18 * * *" (every day at 18:00).
error-reminder-everyone = The bot does not mention @everyone: choose a role.
error-reminder-role-silent = The bot cannot notify { $role }: Discord lets it mention that role only if the role is mentionable (Server Settings → Roles) or if the bot has the “Mention @everyone, @here and All Roles” permission. Change one, then run /setup again.
error-counts-hidden = Counts are hidden until the discussion closes ({ $closes }).
error-leaderboard-off = The leaderboard is off in this server (/setup leaderboard).
error-month = Give the month as YYYY-MM, e.g. 2026-11.
error-month-range = There is no leaderboard for { $month }: give a month from { $first } (when Discord opened) to { $last } (this month).
error-stats-opted-out = This member opted out: nothing of theirs is counted.
error-stats-hidden = This member chose not to appear in the figures.
error-rotation-empty = No question left in the categories posted ({ $categories }). Add some, or change /setup categories.

## Help (/help)
cmd-help = help
cmd-help-desc = How Et vous ? works on this server
help-title = Et vous ? — how it works
help-intro = The "Et vous ?" ("what about you?") questions that end tech-news articles become discussions here. The bot posts a question on the server's schedule and everyone replies in its thread. When it closes, the bot posts a summary: who stands where, each side's arguments in your own words, the themes, the opinion groups and what brings them together.
help-here = On this server
help-not-setup = Not set up yet: a staff member runs { $setup }.
help-channel = Questions are posted in { $channel }.
help-channel-hidden = Questions are posted in a channel you cannot see.
help-next = Next question { $when } ({ $date }).
help-paused = Posting is paused.
help-no-next = No post is planned.
help-schedule = Schedule: { $schedule } ({ $timezone }).
help-open = { $count ->
    [one] One discussion is open:
   *[other] { $count } discussions are open:
}
help-open-line = { $thread }, closes { $closes }
help-open-more = { $count ->
    [one] … and one more.
   *[other] … and { $count } more.
}
help-none-open = No discussion is open right now.
help-take-part-title = Taking part
help-take-part =
    • Reply in the question's thread, or with the "{ $reply }" button.
    • Declare your stance in one click under the question; you can change or withdraw it.
    • "{ $card }": say whether you agree with other members' replies, one at a time; "{ $standing }" or { $position } then shows your opinion group.
    • Suggest a question with { $suggest }.
help-data-title = Your data
help-data = What you write in a discussion's thread is kept to summarise it. { $show } shows it to you, { $delete } erases it and { $optout } stops keeping it.
help-commands-title = Your commands
help-staff-title = For staff
help-more = (continued)
help-context-menu = on a message: right-click › Apps
help-footer = Only the commands you can use are listed.
welcome-new = 👋 Thanks for inviting me! I turn the "Et vous ?" ("what about you?") questions that end tech-news articles into discussions: a question posted on your schedule, replies in its thread, and a summary when it closes (who stands where, the arguments, the themes, the opinion groups).
    To start, a staff member (Manage Server permission) runs { $setup } and picks the channel for the discussions, a forum preferably. { $help } explains the rest to everyone.
welcome-back = 👋 I'm back. { $help } explains how I work here.
welcome-back-paused = 👋 I'm back. Posting stays paused until a staff member runs { $resume }; what was written in the open discussions while I was away is read again. { $help } explains how I work here.

## The schedule in words (bot/cron_words.py): "Mondays at 18:00 (Europe/Paris)"
cron-in-zone = { $schedule } ({ $timezone })
cron-as-code = { $cron } ({ $timezone })
cron-at = { $when } at { $times }
cron-time = { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) }
cron-list-and = { $head } and { $last }
cron-every-day = every day
cron-weekdays-work = weekdays
cron-weekend = weekends
cron-weekday-one = { $day }s
cron-weekday-range = { $first } to { $last }
cron-weekday-list = { $days }
cron-monthday = { $day ->
    [1] 1st
    [2] 2nd
    [3] 3rd
    [21] 21st
    [22] 22nd
    [23] 23rd
    [31] 31st
   *[other] { $day }th
}
cron-monthday-item = the { $day }
cron-monthday-list = on { $days } of the month
cron-monthday-range = from the { $first } to the { $last } of the month
cron-only-monthdays = { $schedule }, only { $monthdays }
cron-in-months = { $schedule }, { $months }
cron-month-list = in { $months }
cron-month-range = { $first } to { $last }
cron-day-0 = Sunday
cron-day-1 = Monday
cron-day-2 = Tuesday
cron-day-3 = Wednesday
cron-day-4 = Thursday
cron-day-5 = Friday
cron-day-6 = Saturday
cron-days-0 = Sundays
cron-days-1 = Mondays
cron-days-2 = Tuesdays
cron-days-3 = Wednesdays
cron-days-4 = Thursdays
cron-days-5 = Fridays
cron-days-6 = Saturdays
cron-month-1 = January
cron-month-2 = February
cron-month-3 = March
cron-month-4 = April
cron-month-5 = May
cron-month-6 = June
cron-month-7 = July
cron-month-8 = August
cron-month-9 = September
cron-month-10 = October
cron-month-11 = November
cron-month-12 = December
cron-month-from-1 = from January
cron-month-from-2 = from February
cron-month-from-3 = from March
cron-month-from-4 = from April
cron-month-from-5 = from May
cron-month-from-6 = from June
cron-month-from-7 = from July
cron-month-from-8 = from August
cron-month-from-9 = from September
cron-month-from-10 = from October
cron-month-from-11 = from November
cron-month-from-12 = from December

## Notice to staff in the review channel: the schedule cannot post (once per problem)
notice-missing-permissions = ⚠️ Schedule paused: the bot can no longer post questions in { $channel }. It lacks: { $permissions }. Give it these permissions in the channel, then run /schedule resume.
notice-channel-missing = ⚠️ Schedule paused: the discussion channel was deleted. Pick another one with /setup channel:.
notice-forum-tag = ⚠️ Schedule paused: the forum { $channel } requires a tag on every post and has no "Et vous ?" tag (the bot creates one only with Manage Channels). Create it in the forum, then run /setup channel: again.
notice-bank-empty = ⚠️ No question was posted at this slot: every question in the bank has been posted. Add some with /question add or /question import; the next slot will post the first one.
notice-post-failed = ⚠️ The question due { $slot } was not posted: posting failed { $tries } times in a row, most often a passing outage on Discord's side. It stays in the bank and the schedule goes on: the next slot posts as planned, and /question post posts one now.
notice-rotation-empty = ⚠️ No question was posted at this slot: none is left in the categories posted ({ $categories }). Add some with /question add, or change /setup categories.
notice-summary-held = ⚠️ The summary of discussion #{ $id } could not be posted in { $thread }: the bot lacks { $permissions }. Give it these permissions in the channel: it will be posted the minute after. `/summary show` shows it now.
notice-quotes-held = ⚠️ Erased replies are still quoted in the summary in { $thread }: to take them out, the bot lacks { $permissions }. Give it these permissions in the channel: they will be taken out the minute after.
notice-reminder-refused = ⚠️ The reminder of discussion #{ $id } could not be posted in { $thread }: the bot lacks { $permissions }. Give it these permissions in the channel for the next reminders.
