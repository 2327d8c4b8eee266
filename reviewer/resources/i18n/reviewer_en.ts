<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AuditDashboard</name>
    <message numerus="yes">
        <source>Updated {time} · %n new commit(s) read</source>
        <translation>
            <numerusform>Updated {time} · %n new commit read</numerusform>
            <numerusform>Updated {time} · %n new commits read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditHeadline</name>
    <message numerus="yes">
        <source>Agreement (α) over %n record(s)</source>
        <translation>
            <numerusform>Agreement (α) over %n record</numerusform>
            <numerusform>Agreement (α) over %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CitationFlow</name>
    <message numerus="yes">
        <source>Attaching %n file(s)…</source>
        <translation>
            <numerusform>Attaching %n file…</numerusform>
            <numerusform>Attaching %n files…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CitationVerdictChart</name>
    <message numerus="yes">
        <source>%n citation(s) corrected by the auditors</source>
        <translation>
            <numerusform>%n citation corrected by the auditors</numerusform>
            <numerusform>%n citations corrected by the auditors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardFlow</name>
    <message numerus="yes">
        <source>The list shows the %n record(s) behind the bar: {about}</source>
        <translation>
            <numerusform>The list shows the %n record behind the bar: {about}</numerusform>
            <numerusform>The list shows the %n records behind the bar: {about}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln record file(s)</source>
        <translation>
            <numerusform>%Ln record file</numerusform>
            <numerusform>%Ln record files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{records} in %Ln file(s)</source>
        <translation>
            <numerusform>{records} in %Ln file</numerusform>
            <numerusform>{records} in %Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; was changed on the shared remote too, and %n field(s) differ from your commit: choose which value each keeps, or type one. Yours is this clone&apos;s; theirs is already on the remote.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; was changed on the shared remote too, and %n field differs from your commit: choose which value each keeps, or type one. Yours is this clone&apos;s; theirs is already on the remote.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; was changed on the shared remote too, and %n fields differ from your commit: choose which value each keeps, or type one. Yours is this clone&apos;s; theirs is already on the remote.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; was changed by someone else while you had unsaved edits. %n field(s) changed on both sides: choose which value each keeps, or type one. Nothing is saved until you save.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; was changed by someone else while you had unsaved edits. %n field changed on both sides: choose which value each keeps, or type one. Nothing is saved until you save.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; was changed by someone else while you had unsaved edits. %n fields changed on both sides: choose which value each keeps, or type one. Nothing is saved until you save.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordFlow</name>
    <message numerus="yes">
        <source>{file} changed on disk: merged with your edits (%n field(s) from the file, your {mine} kept); not saved yet</source>
        <translation>
            <numerusform>{file} changed on disk: merged with your edits (%n field from the file, your {mine} kept); not saved yet</numerusform>
            <numerusform>{file} changed on disk: merged with your edits (%n fields from the file, your {mine} kept); not saved yet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n citation(s) not backed by the sources</source>
        <translation>
            <numerusform>%n citation not backed by the sources</numerusform>
            <numerusform>%n citations not backed by the sources</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message numerus="yes">
        <source>%n draft(s)</source>
        <translation>
            <numerusform>%n draft</numerusform>
            <numerusform>%n drafts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verified</source>
        <translation>
            <numerusform>%n verified</numerusform>
            <numerusform>%n verified</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unreadable</numerusform>
            <numerusform>%n unreadable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %n record(s) from the dashboard: {about}</source>
        <translation>
            <numerusform>Showing %n record from the dashboard: {about}</numerusform>
            <numerusform>Showing %n records from the dashboard: {about}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message numerus="yes">
        <source>&lt;b style=&apos;color:{color}&apos;&gt;Cannot verify yet.&lt;/b&gt; %n problem(s) below. Fix them, or add an audit note to the pillar explaining why it stands (a note the draft already held counts once you confirm it below).</source>
        <translation>
            <numerusform>&lt;b style=&apos;color:{color}&apos;&gt;Cannot verify yet.&lt;/b&gt; %n problem below. Fix them, or add an audit note to the pillar explaining why it stands (a note the draft already held counts once you confirm it below).</numerusform>
            <numerusform>&lt;b style=&apos;color:{color}&apos;&gt;Cannot verify yet.&lt;/b&gt; %n problems below. Fix them, or add an audit note to the pillar explaining why it stands (a note the draft already held counts once you confirm it below).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupFlow</name>
    <message numerus="yes">
        <source>Wrote {config}: %n record file(s), languages {languages}</source>
        <translation>
            <numerusform>Wrote {config}: %n record file, languages {languages}</numerusform>
            <numerusform>Wrote {config}: %n record files, languages {languages}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncButton</name>
    <message numerus="yes">
        <source>{upstream}: %n commit(s) here to share, {behind} on the remote to receive (checked {checked}). Click to sync.</source>
        <translation>
            <numerusform>{upstream}: %n commit here to share, {behind} on the remote to receive (checked {checked}). Click to sync.</numerusform>
            <numerusform>{upstream}: %n commits here to share, {behind} on the remote to receive (checked {checked}). Click to sync.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sync paused: %n conflict(s)</source>
        <translation>
            <numerusform>Sync paused: %n conflict</numerusform>
            <numerusform>Sync paused: %n conflicts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnsavedFlow</name>
    <message numerus="yes">
        <source>{record} has %n edit(s) that were never saved (kept at {time}; the app did not close normally).

Restore them on top of the file as it is now?</source>
        <translation>
            <numerusform>{record} has %n edit that were never saved (kept at {time}; the app did not close normally).

Restore them on top of the file as it is now?</numerusform>
            <numerusform>{record} has %n edits that were never saved (kept at {time}; the app did not close normally).

Restore them on top of the file as it is now?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n unsaved edit(s); not saved yet</source>
        <translation>
            <numerusform>Restored %n unsaved edit; not saved yet</numerusform>
            <numerusform>Restored %n unsaved edits; not saved yet</numerusform>
        </translation>
    </message>
</context>
</TS>
