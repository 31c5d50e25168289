# Et vous ? — the admin CLI (python -m bot) and the settings it reads

## Language, errors
cli-error = error: { $message }
cli-unexpected = unexpected { $kind }: { $detail } (a bug: please report it; ETVOUS_DEBUG=1 shows the traceback)
cli-unknown-language = { $source }: unknown language "{ $value }" (fr or en)
cli-in-file = { $file }: { $message }
cli-line = line { $line }: { $reason }

## argparse
cli-usage = usage:
cli-usage-error = { $prog }: error: { $message }
cli-heading-positionals = positional arguments
cli-heading-options = options
cli-metavar-file = file
cli-metavar-env-file = ENV_FILE
cli-metavar-guild = SERVER
cli-metavar-category = CATEGORY
cli-metavar-output-file = OUTPUT
cli-metavar-output-folder = OUTPUT
cli-metavar-jobs = JOBS
cli-metavar-cache-dir = CACHE_DIR
cli-metavar-user = MEMBER
cli-metavar-members = MEMBERS
cli-metavar-command = COMMAND
cli-argparse-argument = argument { $argument }: { $message }
cli-argparse-required = the following arguments are required: { $names }
cli-argparse-command-choices = { $said }, one of { $commands }
cli-argparse-unrecognized = unrecognized arguments: { $names }
cli-argparse-expected-one = expected one argument
cli-argparse-invalid-choice = invalid choice: { $value } (choose from { $choices })
cli-argparse-invalid-value = invalid { $type } value: { $value }
cli-argparse-ambiguous = ambiguous option: { $option } could match { $matches }
cli-argparse-ignored-explicit = ignored explicit argument { $value }
cli-not-positive = '{ $value }' is not a positive whole number
cli-not-an-id = '{ $value }' is not an id (too large)
cli-empty-category = the category is empty: give its name (e.g. cinéma), or leave --category out for none
cli-empty-options = the options are empty: give them separated by | (e.g. "Yes|No|Nuanced"), or leave --options out for options chosen from each question's wording
cli-not-a-port = '{ $value }' is not a port (1-65535)

## Help
cli-description = Et vous ? — the Discord discussion bot and its admin tools.
cli-help-help = show this help message and exit
cli-help-database-url = overrides DATABASE_URL
cli-help-env-file = read settings from this file instead of ./.env
cli-help-lang = language of the messages, fr or en (default: ETVOUS_LANG, then LC_ALL, LC_MESSAGES, LANG; else fr)
cli-help-run = run the bot (the default)
cli-help-db = database maintenance
cli-help-db-upgrade = migrate to the latest schema
cli-help-questions = a server's question bank
cli-help-questions-import = import an article's questions
cli-help-import-file = a UTF-8 article with an 'Et vous ?' section, or the address (http or https) of its web page
cli-help-guild = server id
cli-help-import-options = the stances to choose from for every question, e.g. "A|B|C" (default: chosen from each question's wording)
cli-help-import-category = the category of every imported question, e.g. cinéma
cli-help-questions-list = list a server's questions
cli-help-export = export stored replies
cli-help-export-discussion = one discussion only
cli-help-export-format = file format (default: jsonl)
cli-help-export-csv-dialect = with --format csv: rfc4180, commas (default: for tools, an English Excel), or excel, semicolons (an Excel in French opens it in columns) and ids as text formulas ="…" (Excel shows them whole, not rounded past 15 digits)
cli-help-export-output = file to write (default: standard output)
cli-help-analyze = analyse an export file
cli-help-analyze-file = a JSONL export
cli-help-analyze-format = report format (default: text)
cli-help-analyze-jobs = processes for the per-discussion analysis (default: one per CPU)
cli-help-analyze-no-themes = skip the themes (no sentence vectors)
cli-help-analyze-cache-dir = where reply vectors are cached (default: $XDG_CACHE_HOME/etvous, else ~/.cache/etvous)
cli-help-analyze-no-cache = keep no vector cache
cli-help-forget = erase a member's data in one server
cli-help-user = member id
cli-help-web = serve the review room alone on 127.0.0.1 for one server
cli-help-web-port = port (default: WEB_PORT, 8080)
cli-help-demo = run the bot against a simulated Discord, offline
cli-help-demo-output = folder for the database, the export and the charts (default: demo-output)
cli-help-demo-members = how many members take part, from 2 to 12 (default: 12)

## Settings (.env and the environment)
cli-env-not-utf8 = line { $line }: not UTF-8 text, skipped
cli-env-not-name-value = line { $line }: not a NAME=value line, skipped
settings-env-folder = { $file }: a folder, not a settings file
settings-env-missing = { $file }: no such file
settings-env-unreadable = { $file }: cannot be read ({ $reason })
settings-env-too-large = { $file }: larger than { NUMBER($max, useGrouping: "true") } bytes
settings-not-integer = { $name } must be an integer, got { $raw }
settings-not-seconds = { $name } must be a number of seconds (such as 8 or 2.5), got { $raw }
settings-not-integer-list = { $name } must be a list of integers, got { $raw }
settings-not-on-off = { $name } must be on or off, got { $raw }
settings-web-port = WEB_PORT must be between 1 and 65535
settings-web-host = WEB_HOST must be an address such as 127.0.0.1
settings-public-url = PUBLIC_URL must be an http(s) address such as https://etvous.example.org
settings-public-url-path = PUBLIC_URL must be a site's root, without a path (https://etvous.example.org): the review room's pages link from / and cannot be served under { $path }
settings-web-secret = WEB_SECRET must be at least 32 characters (or unset)
settings-web-host-public = WEB_HOST is { $host }, reachable from other machines: set PUBLIC_URL (the https address of the reverse proxy in front of it) or use 127.0.0.1
settings-web-needs-public-url = the review room will not listen on { $host } without PUBLIC_URL
settings-database-url = DATABASE_URL must be a SQLAlchemy URL such as { $example }
settings-database-driver = DATABASE_URL must use sqlite+aiosqlite:// or postgresql+asyncpg://, got { $driver }://
settings-database-port = DATABASE_URL: the port must be a number between 1 and 65535
settings-database-option = DATABASE_URL: PostgreSQL knows no option “{ $option }” (after the ?): remove it, or use one it knows (sslmode, ssl, timeout, command_timeout…)
settings-database-sslmode = DATABASE_URL: sslmode must be one of { $modes }
settings-log-level = LOG_LEVEL must be one of { $levels }
settings-log-file = LOG_FILE { $file } cannot be written: { $reason }
settings-timezone = DEFAULT_TIMEZONE must be an IANA time zone such as Europe/Paris, got { $value }
settings-language = DEFAULT_LANGUAGE must be one of { $languages }
settings-shard-ids-alone = SHARD_IDS needs SHARD_COUNT
settings-shard-count = SHARD_COUNT must be at least 1
settings-shard-ids-range = SHARD_IDS must be between 0 and { $last }
settings-dev-guild = DEV_GUILD_ID must be a server id (a positive number: with Developer Mode on, right-click the server, Copy Server ID), got { $raw }
settings-message-cache = MESSAGE_CACHE_SIZE must be zero or more
settings-stop-flush = STOP_FLUSH_SECONDS must be more than 0 and at most { $max } (seconds)
settings-lock-wait = DATABASE_LOCK_WAIT_SECONDS must be more than 0 and at most { $max } (seconds)
settings-token-malformed = DISCORD_TOKEN is not a bot token: copy it from the Developer Portal (Bot → Reset Token) as shown, three parts joined by dots, with neither quotes nor “Bot ”

## Database, run
cli-database-folder = DATABASE_URL points into { $folder }, which is not a folder
cli-database-is-folder = DATABASE_URL names the folder { $path }, not a database file: add the file's name (sqlite+aiosqlite:///{ $path }/etvous.db)
cli-database-no-file = DATABASE_URL names { $path }: no such file (the bot makes it at its first start; check the path)
cli-database-unusable = DATABASE_URL cannot be used ({ $kind })
cli-database-unreachable = cannot reach the database at { $url } ({ $kind }); check DATABASE_URL
cli-database-refused = the database at { $url } answered: { $reason }; check DATABASE_URL
cli-database-locked = another process holds the database at { $url } (the bot already running? stop it, or wait until it is done and try again)
cli-database-read-only = the database at { $url } cannot be written ({ $reason }): the bot would store nothing; check who owns the file (or the PostgreSQL user’s rights)
cli-database-newer = the database at { $url } has schema revision { $revision }, which this version of the bot does not know: a newer version migrated it (run that one) or another program made it (point DATABASE_URL elsewhere); nothing was changed
cli-token-missing = DISCORD_TOKEN is not set: put it in .env (see .env.example) or the environment
cli-database-in-memory = DATABASE_URL names no file: an in-memory database loses everything at exit (e.g. sqlite+aiosqlite:///etvous.db)
cli-token-refused = Discord refused DISCORD_TOKEN: reset it in the Developer Portal (Bot → Reset Token) and paste the new one
cli-discord-unreachable = cannot reach Discord ({ $kind }): check this machine's network access to discord.com
cli-discord-answered = Discord answered with HTTP status { $status } at login: try again later (https://discordstatus.com)
cli-intent-missing = Discord refused the connection: turn on the Message Content intent in the Developer Portal (Bot → Privileged Gateway Intents)
cli-discord-shards = Discord refused the shards: SHARD_IDS must be below SHARD_COUNT, and SHARD_COUNT the same in every process (see README, Sharding)
cli-discord-sharding-required = Discord requires sharding for this many servers: set SHARD_COUNT (see README, Sharding)
cli-discord-closed = Discord closed the connection for good (code { $code })
cli-db-up-to-date = database at { $url } is up to date

## Files
cli-cannot-read = cannot read { $path }: { $reason }
cli-cannot-write = cannot write { $path }: { $reason }
cli-is-a-folder = cannot write { $path }: it is a folder
cli-csv-dialect-not-csv = --csv-dialect { $dialect } is for a CSV export: add --format csv
cli-cannot-write-output = cannot write the standard output: { $reason }
cli-output-closed = it is closed
cli-output-closed-unchanged = it is closed, and nothing was changed (to drop what the command says, send it to /dev/null)
cli-not-a-folder = { $path } is not a folder
cli-os-enoent = no such file or folder
cli-os-enotdir = a part of the path is not a folder
cli-os-eisdir = it is a folder
cli-os-eacces = permission denied
cli-os-erofs = the file system is read-only
cli-os-enospc = no space left on the disk
cli-os-enametoolong = the name is too long
cli-os-eloop = too many symbolic links
cli-os-econnrefused = connection refused: nothing listens at that address and port
cli-os-etimedout = it did not respond in time
cli-os-ehostunreach = no route to that host
cli-os-econnreset = the connection was cut
cli-net-unknown-host = unknown host name
cli-net-name-lookup = the host name could not be looked up (name server unreachable?)
cli-net-password-refused = password refused for that user
cli-cache-skipped = warning: { $reason }: the sentence vectors are computed without their cache
cli-file-too-large = { $path }: larger than { NUMBER($max, useGrouping: "true") } bytes
cli-no-such-file = { $path }: no such file
cli-import-scheme = { $path }: no such file, and only http:// and https:// addresses are read
cli-not-a-file = { $path }: not a file

## questions import, list
cli-unknown-server = unknown server { $guild }: run /setup there first
cli-unknown-discussion = no discussion { $discussion } in server { $guild } (the numbers are those of /answers list and the review room)
cli-bad-category = invalid category '{ $category }': 1 to { $max } letters, digits, spaces, - and '
cli-import-line-not-utf8 = line { $line }: not UTF-8 text, skipped
cli-import-line-too-long = line { $line }: too long, skipped
cli-import-line-too-long-spaced = line { $line }: { $length } characters with the no-break spaces French puts before question and exclamation marks, colons and semicolons, over { $max }, skipped
cli-import-added = added #{ $id }: { $text }  [{ $options }]
cli-import-duplicate = skipped (already in the bank: question #{ $id }): { $text }
cli-import-repeated = skipped (asked twice in the article): { $text }
cli-import-outside = { $added ->
    [one] the question imported is outside the categories the server posts ({ $categories }): the schedule will not post it. Put it in one of them on Discord (/question edit), or post it with /question post.
   *[other] the questions imported are outside the categories the server posts ({ $categories }): the schedule will not post them. Put them in one of them on Discord (/question edit), or post them with /question post.
}
cli-import-total = { $added } added, { $skipped } skipped
cli-import-not-utf8 = The file is not UTF-8 text.
cli-import-too-large = The article is larger than { NUMBER($max, useGrouping: "true") } bytes.
cli-import-no-section = No 'Et vous ?', 'And you?' or 'Over to you' section was found.
cli-import-no-question = The '{ $heading }' section holds no usable question.
cli-import-questions-too-long = Every question is longer than { $max } characters.
cli-import-questions-too-long-spaced = With the no-break spaces French puts before question marks, exclamation marks, colons and semicolons, every question is over { $max } characters (the shortest has { $length }): shorten them a little.
cli-import-too-many = The section holds more than { $max } questions; split the article.
cli-import-bad-options = The stances to choose from are not valid.
cli-import-options-not-list = Options must be a list of labels, not one string.
cli-import-option-count = Give between { $min } and { $max } options.
cli-import-option-empty = An option is empty.
cli-import-option-too-long = An option is longer than { $max } characters.
cli-import-options-same = Two options are the same.

## export, forget
cli-export-written = { $count } { $count ->
        [one] line
       *[other] lines
    } written to { $path }
cli-forget-done = erased the data of member { $user } in server { $guild } ({ $replies } { $replies ->
        [one] reply
       *[other] replies
    }, { $suggestions } { $suggestions ->
        [one] suggestion
       *[other] suggestions
    })
cli-forget-cards = { $cards ->
        [one] the card of their suggestion is
       *[other] the cards of their { $cards } suggestions are
    } removed from the review channel on the bot's next pass

## analyze
cli-export-empty = { $path }: the export file is empty
cli-not-an-export = { $path }: not an export: no discussion in it ({ NUMBER($skipped, useGrouping: "true") } { $skipped ->
        [one] line
       *[other] lines
    } skipped, first { $first })
cli-bad-lines-more = { $file }: { NUMBER($more, useGrouping: "true") } more bad { $more ->
        [one] line
       *[other] lines
    } skipped
cli-progress = computing the replies' vectors
cli-jsonl-too-long = longer than { NUMBER($max, useGrouping: "true") } bytes
cli-jsonl-not-utf8 = not UTF-8 text
cli-jsonl-invalid-json = invalid JSON
cli-jsonl-nested = nested too deeply
cli-jsonl-not-object = not a JSON object
cli-jsonl-missing = { $kind } without { $fields }
cli-jsonl-reaction-value = reaction value must be -1, 0 or 1
cli-jsonl-text-type = text must be a string
cli-jsonl-unknown-type = unknown type { $kind }
cli-jsonl-options-type = options must be a list of strings
cli-jsonl-question-type = question must be a string
cli-jsonl-twice = discussion { $id } appears twice
cli-jsonl-reply-twice = reply { $id } appears twice
cli-jsonl-id-type = an id must be a string or an integer
cli-jsonl-other = { $detail }
cli-jsonl-orphans = discussion { $id }: { $count } { $count ->
        [one] line refers
       *[other] lines refer
    } to it but it is not in the file

## web
cli-web-unknown-server = no server { $guild } in this database: run /setup on that server first, or check --guild and DATABASE_URL
cli-web-cannot-listen = the review room cannot listen on { $address } ({ $reason }): choose another port with --port
cli-web-port-taken = the review room cannot listen on { $address } ({ $reason }): set WEB_PORT to a free port, or WEB_ENABLED=off
cli-web-login = Review room of server { $guild }: { $url }
cli-web-login-hint = (the link works once, within 10 minutes; Ctrl+C stops the review room)

## demo
cli-demo-needs-simcord = the demo needs SimCord, a development dependency: pip install -e '.[dev]'
cli-demo-server = Server "{ $server }", forum #{ $forum }, { $members ->
        [one] { $members } member
       *[other] { $members } members
    } and { $moderator } (moderation).
cli-demo-setup = { $moderator }: /setup channel:#{ $forum }, then /question post
cli-demo-activity = { $replies ->
        [one] { $replies } reply
       *[other] { $replies } replies
    } (one through "Répondre"), one edited, one deleted, { $reactions ->
        [one] { $reactions } reaction
       *[other] { $reactions } reactions
    }, { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    } on the "Donner mon avis" card.
cli-demo-later = … 72 hours later, the discussion closes.
cli-demo-export = Export: { $lines ->
        [one] { $lines } line
       *[other] { $lines } lines
    } (discussion, replies, stances, votes).
cli-demo-left = Left in { $folder }/:
cli-demo-analyze = To analyse the export: python -m bot analyze { $path }
cli-demo-web = To open it in a browser (the review room): python -m bot web --database-url { $url } --guild { $guild }
cli-demo-played = (demo played in { NUMBER($seconds, minimumFractionDigits: 1, maximumFractionDigits: 1) } s)
cli-demo-posts = [{ $author }] posts the question:
cli-demo-says = { $author }: { $text }
cli-demo-replying-to = { $author } (replying to { $to })
cli-demo-edited = { $text } (edited)
cli-demo-charts = Charts attached: { $names }
cli-demo-timestamp = on { $date } at { $time } UTC

settings-forget-removed = FORGET_REMOVED_SERVERS_DAYS must be from 0 (never forget) to { $max } days
