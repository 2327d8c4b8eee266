<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddPillarDialog</name>
    <message>
        <source>Add pillar</source>
        <translation>添加支柱</translation>
    </message>
    <message>
        <source>The record does not assess this pillar yet. It will be added with the citation &lt;b&gt;{citation}&lt;/b&gt; and the score you give it.</source>
        <translation>该记录尚未评估此支柱。添加时将带上引用 &lt;b&gt;{citation}&lt;/b&gt; 和您给出的评分。</translation>
    </message>
    <message>
        <source>The record does not assess this pillar yet. It will be added with the score you give it; its evidence and citation follow in the card.</source>
        <translation>该记录尚未评估此支柱。添加时将带上您给出的评分；证据和引用随后在卡片中填写。</translation>
    </message>
    <message>
        <source>Pillar</source>
        <translation>支柱</translation>
    </message>
    <message>
        <source>Score (0-100)</source>
        <translation>评分（0-100）</translation>
    </message>
    <message>
        <source>Add pillar and cite</source>
        <translation>添加支柱并引用</translation>
    </message>
</context>
<context>
    <name>AuditDashboard</name>
    <message>
        <source>Dashboard — reviewer</source>
        <translation>仪表板 — reviewer</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the history again (it is read again by itself after each commit and sync)</source>
        <translation>重新读取历史（每次提交和同步后也会自动重新读取）</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>正在读取历史…</translation>
    </message>
    <message>
        <source>No record is in this workspace&apos;s git history yet: once the drafts are committed and reviewed, this shows how they held up.</source>
        <translation>此工作区的 git 历史中还没有任何记录：草稿提交并审核后，这里会显示它们经审核后的情况。</translation>
    </message>
    <message numerus="yes">
        <source>Updated {time} · %n new commit(s) read</source>
        <translation>
            <numerusform>更新于 {time} · 读取了 %n 个新提交</numerusform>
        </translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <source>{pillar} score changed by more than {points} points</source>
        <translation>{pillar}评分变动超过 {points} 分</translation>
    </message>
    <message>
        <source>{pillar} score changed</source>
        <translation>{pillar}评分有变动</translation>
    </message>
    <message>
        <source>a citation {verdict} in the draft</source>
        <translation>草稿中引用{verdict}</translation>
    </message>
    <message>
        <source>a citation {verdict} after review</source>
        <translation>审核后引用{verdict}</translation>
    </message>
    <message>
        <source>drafts by {author} whose scores the auditors changed</source>
        <translation>{author} 起草、评分被审核员修改的草稿</translation>
    </message>
    <message>
        <source>records last verified by {auditor}</source>
        <translation>最后由 {auditor} 核实的记录</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>Any author</source>
        <translation>任意作者</translation>
    </message>
    <message>
        <source>Any auditor</source>
        <translation>任意审核员</translation>
    </message>
    <message>
        <source>Any country</source>
        <translation>任意国家</translation>
    </message>
    <message>
        <source>Any year</source>
        <translation>任意年份</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Every author, auditor, country, year and day</source>
        <translation>所有作者、审核员、国家、年份和日期</translation>
    </message>
    <message>
        <source>Drafted by</source>
        <translation>起草人</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>核实人</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Verified from</source>
        <translation>核实起始日期</translation>
    </message>
    <message>
        <source>Verified until</source>
        <translation>核实截止日期</translation>
    </message>
    <message>
        <source>verified by</source>
        <translation>核实人</translation>
    </message>
    <message>
        <source>in</source>
        <translation>国家/年份</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>AuditHeadline</name>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Reviewed here</source>
        <translation>在此审核</translation>
    </message>
    <message>
        <source>Placeholders left</source>
        <translation>剩余占位内容</translation>
    </message>
    <message>
        <source>Agreement (α)</source>
        <translation>一致性（α）</translation>
    </message>
    <message numerus="yes">
        <source>Agreement (α) over %n record(s)</source>
        <translation>
            <numerusform>一致性（α），基于 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Agreement (α): no record verified by two auditors</source>
        <translation>一致性（α）：没有由两名审核员核实的记录</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s alpha (interval) over the scores of records verified by two or more auditors: 1 is full agreement, 0 no better than chance</source>
        <translation>由两名及以上审核员核实的记录评分的 Krippendorff α 系数（区间尺度）：1 表示完全一致，0 表示与随机无异</translation>
    </message>
</context>
<context>
    <name>AuditorCountChart</name>
    <message>
        <source>&lt;b&gt;Per auditor&lt;/b&gt;: &lt;span style=&apos;color:{verified_color}&apos;&gt;verified&lt;/span&gt; and &lt;span style=&apos;color:{reopened_color}&apos;&gt;reopened&lt;/span&gt;</source>
        <translation>&lt;b&gt;按审核员&lt;/b&gt;：&lt;span style=&apos;color:{verified_color}&apos;&gt;核实&lt;/span&gt;与&lt;span style=&apos;color:{reopened_color}&apos;&gt;重新打开&lt;/span&gt;</translation>
    </message>
    <message>
        <source>records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>核实</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>重新打开</translation>
    </message>
</context>
<context>
    <name>AuthorChangeChart</name>
    <message>
        <source>&lt;b&gt;Per drafting author&lt;/b&gt; (reviewed/drafted): pillars whose score changed</source>
        <translation>&lt;b&gt;按起草作者&lt;/b&gt;（已审核/已起草）：评分有变动的支柱</translation>
    </message>
    <message>
        <source>% of reviewed pillars</source>
        <translation>占已审核支柱的百分比</translation>
    </message>
    <message>
        <source>{reviewed} of {records} drafts reviewed; {changed} of {pillars} reviewed pillars changed score</source>
        <translation>{records} 份草稿中已审核 {reviewed} 份；{pillars} 个已审核支柱中 {changed} 个评分有变动</translation>
    </message>
    <message>
        <source>; mean |Δ| {mean} points</source>
        <translation>；平均 |Δ| {mean} 分</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <source>score changed</source>
        <translation>评分有变动</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Click to list these records</source>
        <translation>单击列出这些记录</translation>
    </message>
</context>
<context>
    <name>BodyTabs</name>
    <message>
        <source>Body (as in each language&apos;s file)</source>
        <translation>正文（各语言文件中的原样）</translation>
    </message>
    <message>
        <source>(this file has no body)</source>
        <translation>（此文件没有正文）</translation>
    </message>
    <message>
        <source>The body of the {language} file (read only)</source>
        <translation>{language} 文件的正文（只读）</translation>
    </message>
</context>
<context>
    <name>CitationFlow</name>
    <message>
        <source>{pillar}: {detail}</source>
        <translation>{pillar}：{detail}</translation>
    </message>
    <message>
        <source>Cite for {pillar}</source>
        <translation>引用到{pillar}</translation>
    </message>
    <message>
        <source>{pillar}: citation set to {citation}</source>
        <translation>{pillar}：引用已设为 {citation}</translation>
    </message>
    <message>
        <source>Select a record with an id to attach sources to it</source>
        <translation>请选择一条有 id 的记录，再为其附加来源</translation>
    </message>
    <message>
        <source>Attach sources to {id}</source>
        <translation>为 {id} 附加来源</translation>
    </message>
    <message>
        <source>Policy texts (*.txt *.md *.html *.htm *.pdf);;All files (*)</source>
        <translation>政策原文 (*.txt *.md *.html *.htm *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace sources?</source>
        <translation>替换来源？</translation>
    </message>
    <message>
        <source>{files} is already attached to {id}. Replace it?</source>
        <translation>{files} 已附加到 {id}。要替换吗？</translation>
    </message>
    <message>
        <source>{files} are already attached to {id}. Replace them?</source>
        <translation>{files} 已附加到 {id}。要替换它们吗？</translation>
    </message>
    <message numerus="yes">
        <source>Attaching %n file(s)…</source>
        <translation>
            <numerusform>正在附加 %n 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not attach</source>
        <translation>无法附加</translation>
    </message>
</context>
<context>
    <name>CitationStatus</name>
    <message>
        <source>resolved</source>
        <translation>已定位</translation>
    </message>
    <message>
        <source>mismatch</source>
        <translation>不符</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>有歧义</translation>
    </message>
    <message>
        <source>unresolved</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>external</source>
        <translation>外部文件</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
</context>
<context>
    <name>CitationVerdictChart</name>
    <message>
        <source>&lt;b&gt;Citations&lt;/b&gt;: &lt;span style=&apos;color:{draft_color}&apos;&gt;in the draft&lt;/span&gt; and &lt;span style=&apos;color:{review_color}&apos;&gt;after review&lt;/span&gt;</source>
        <translation>&lt;b&gt;引用&lt;/b&gt;：&lt;span style=&apos;color:{draft_color}&apos;&gt;草稿中&lt;/span&gt;与&lt;span style=&apos;color:{review_color}&apos;&gt;审核后&lt;/span&gt;</translation>
    </message>
    <message>
        <source>citations</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>{before} in the drafts, {after} after review</source>
        <translation>草稿中 {before} 条，审核后 {after} 条</translation>
    </message>
    <message>
        <source>in the draft</source>
        <translation>草稿中</translation>
    </message>
    <message>
        <source>after review</source>
        <translation>审核后</translation>
    </message>
    <message numerus="yes">
        <source>%n citation(s) corrected by the auditors</source>
        <translation>
            <numerusform>审核员更正了 %n 条引用</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>required field is missing</source>
        <translation>缺少必填字段</translation>
    </message>
    <message>
        <source>must be a whole number, not {value!r}</source>
        <translation>必须是整数，而不是 {value!r}</translation>
    </message>
    <message>
        <source>{value!r} is out of range (maximum {high})</source>
        <translation>{value!r} 超出范围（最大 {high}）</translation>
    </message>
    <message>
        <source>must be one of {expected}, not {value!r}</source>
        <translation>必须是 {expected} 之一，而不是 {value!r}</translation>
    </message>
    <message>
        <source>must be text, not {type} {value!r}</source>
        <translation>必须是文本，而不是 {type} {value!r}</translation>
    </message>
    <message>
        <source>{value!r} does not have the expected form</source>
        <translation>{value!r} 的格式不符合要求</translation>
    </message>
    <message>
        <source>must be a mapping of fields, not {type}</source>
        <translation>必须是字段映射，而不是 {type}</translation>
    </message>
    <message>
        <source>must be a list, not {type}</source>
        <translation>必须是列表，而不是 {type}</translation>
    </message>
    <message>
        <source>{value!r} is out of range (minimum {low})</source>
        <translation>{value!r} 超出范围（最小 {low}）</translation>
    </message>
    <message>
        <source>{value!r} is not a real date (YYYY-MM-DD)</source>
        <translation>{value!r} 不是有效日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>frontmatter must be a mapping</source>
        <translation>前置元数据必须是映射</translation>
    </message>
    <message>
        <source>{field} must be a whole number, not {value!r}</source>
        <translation>{field} 必须是整数，而不是 {value!r}</translation>
    </message>
    <message>
        <source>{value!r} is not a controlled value (controlled values: {allowed})</source>
        <translation>{value!r} 不是受控值（受控值：{allowed}）</translation>
    </message>
    <message>
        <source>did you mean {hint!r}?</source>
        <translation>是否应为 {hint!r}？</translation>
    </message>
    <message>
        <source>in this {language} file write {right!r}</source>
        <translation>在此 {language} 文件中应写作 {right!r}</translation>
    </message>
    <message>
        <source>{value!r} is not a controlled value</source>
        <translation>{value!r} 不是受控值</translation>
    </message>
    <message>
        <source>{value!r} is {field} {meaning!r} in {other}</source>
        <translation>{value!r} 是 {other} 中的 {field} {meaning!r}</translation>
    </message>
    <message>
        <source>is a migration placeholder (label {label!r} / baseline evidence), not an assessment</source>
        <translation>是迁移留下的占位内容（标签 {label!r} / 基线证据），不是评估</translation>
    </message>
    <message>
        <source>has no evidence</source>
        <translation>没有证据</translation>
    </message>
    <message>
        <source>has no citation</source>
        <translation>没有引用</translation>
    </message>
    <message>
        <source>no pillar is assessed</source>
        <translation>没有评估任何支柱</translation>
    </message>
    <message>
        <source>citation is {status}: {detail}</source>
        <translation>引用{status}：{detail}</translation>
    </message>
    <message>
        <source>{problem} (or add an audit note explaining why it stands)</source>
        <translation>{problem}（或添加审核备注，说明为何仍然成立）</translation>
    </message>
    <message>
        <source>{problem} (its audit note {note} is the draft&apos;s: write your own, or confirm it)</source>
        <translation>{problem}（其审核备注 {note} 来自草稿：请自行填写，或确认它）</translation>
    </message>
    <message>
        <source>sync again once that is fixed</source>
        <translation>解决后请再次同步</translation>
    </message>
    <message>
        <source>your commits are kept here</source>
        <translation>您的提交保留在本地</translation>
    </message>
    <message>
        <source>set it once: {command} (or {other})</source>
        <translation>设置一次即可：{command}（或 {other}）</translation>
    </message>
    <message>
        <source>push to</source>
        <translation>推送到</translation>
    </message>
    <message>
        <source>git exited with {status}</source>
        <translation>git 退出，状态码 {status}</translation>
    </message>
    <message>
        <source>add the team&apos;s shared repository: {command}, then {then}</source>
        <translation>添加团队的共享仓库：{command}，然后 {then}</translation>
    </message>
    <message>
        <source>branch {branch} has no upstream (the remote branch it shares with)</source>
        <translation>分支 {branch} 没有上游（与之共享的远程分支）</translation>
    </message>
    <message>
        <source>fetch from</source>
        <translation>获取自</translation>
    </message>
    <message>
        <source>ask who runs the repository for push rights or a branch to push to</source>
        <translation>请向仓库管理员申请推送权限或可推送的分支</translation>
    </message>
    <message>
        <source>could not {action} {where}: {said}</source>
        <translation>无法{action} {where}：{said}</translation>
    </message>
    <message>
        <source>switch to the team&apos;s branch first (git switch BRANCH)</source>
        <translation>请先切换到团队的分支（git switch BRANCH）</translation>
    </message>
    <message>
        <source>set the team&apos;s: {command}</source>
        <translation>请设置团队的上游：{command}</translation>
    </message>
    <message>
        <source>add it: {command}</source>
        <translation>请添加：{command}</translation>
    </message>
    <message>
        <source>branch {branch} has no upstream and the clone has no remote</source>
        <translation>分支 {branch} 没有上游，且此克隆没有远程仓库</translation>
    </message>
    <message>
        <source>it must be a number of seconds greater than 0</source>
        <translation>它必须是大于 0 的秒数</translation>
    </message>
    <message>
        <source>{remote} refused the push to {branch} ({why}): the branch is protected or a server rule declined it</source>
        <translation>{remote} 拒绝了推送到 {branch}（{why}）：该分支受保护，或服务器规则拒绝了它</translation>
    </message>
    <message>
        <source>could not {action} {where} within {seconds} s ({setting})</source>
        <translation>未能在 {seconds} 秒内{action} {where}（{setting}）</translation>
    </message>
    <message>
        <source>HEAD is detached in {folder} (not on a branch)</source>
        <translation>{folder} 中的 HEAD 处于分离状态（不在任何分支上）</translation>
    </message>
    <message>
        <source>branch {branch} follows the local branch {other}, not a remote</source>
        <translation>分支 {branch} 跟踪的是本地分支 {other}，而不是远程仓库</translation>
    </message>
    <message>
        <source>branch {branch} follows remote {remote!r}, which this clone does not have (git remote -v)</source>
        <translation>分支 {branch} 跟踪远程仓库 {remote!r}，但此克隆中没有它（git remote -v）</translation>
    </message>
    <message>
        <source>git config {key} is {value!r}</source>
        <translation>git config {key} 的值为 {value!r}</translation>
    </message>
    <message>
        <source>check your access to it (an SSH key, a token in git&apos;s credential helper)</source>
        <translation>请检查您的访问权限（SSH 密钥，或 git 凭据助手中的令牌）</translation>
    </message>
    <message>
        <source>check the network, or that the remote still exists (git remote -v)</source>
        <translation>请检查网络，或确认远程仓库仍然存在（git remote -v）</translation>
    </message>
    <message>
        <source>{where} refused the credentials ({said})</source>
        <translation>{where} 拒绝了凭据（{said}）</translation>
    </message>
    <message>
        <source>cannot reach {where} ({said})</source>
        <translation>无法连接 {where}（{said}）</translation>
    </message>
    <message>
        <source>make it &apos;---&apos;</source>
        <translation>请改为 &apos;---&apos;</translation>
    </message>
    <message>
        <source>status:{value}: the status is {first} or {second}</source>
        <translation>status:{value}：状态只能是 {first} 或 {second}</translation>
    </message>
    <message>
        <source>year:{value}: a year has four digits, e.g. year:2024</source>
        <translation>year:{value}：年份是四位数字，例如 year:2024</translation>
    </message>
    <message>
        <source>citation:{value}: one of {choices}</source>
        <translation>citation:{value}：应为以下之一：{choices}</translation>
    </message>
    <message>
        <source>{token!r}: write a score as 60, &gt;=60, &lt;=40 or 40-80</source>
        <translation>{token!r}：评分写作 60、&gt;=60、&lt;=40 或 40-80</translation>
    </message>
    <message>
        <source>{token!r}: scores run from 0 to 100, low to high</source>
        <translation>{token!r}：评分在 0 到 100 之间，先低后高</translation>
    </message>
    <message>
        <source>{token!r}: only one pillar&apos;s score can be filtered at a time</source>
        <translation>{token!r}：一次只能按一个支柱的评分筛选</translation>
    </message>
    <message>
        <source>unknown pillar {pillar!r} (one of {choices})</source>
        <translation>未知的支柱 {pillar!r}（应为以下之一：{choices}）</translation>
    </message>
    <message>
        <source>unknown citation status {status!r} (one of {choices})</source>
        <translation>未知的引文状态 {status!r}（应为以下之一：{choices}）</translation>
    </message>
    <message>
        <source>unknown search filter {name!r} (one of {choices})</source>
        <translation>未知的搜索筛选条件 {name!r}（应为以下之一：{choices}）</translation>
    </message>
    <message>
        <source>{token!r}: give a value after the colon, e.g. {example}</source>
        <translation>{token!r}：请在冒号后写上值，例如 {example}</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>is a folder, not a record file</source>
        <translation>是文件夹，不是记录文件</translation>
    </message>
    <message>
        <source>cannot read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <source>reload it first (nothing was written)</source>
        <translation>请先重新加载（未写入任何内容）</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>未读取</translation>
    </message>
    <message>
        <source>the file changed on disk since it was opened</source>
        <translation>文件打开后已在磁盘上被修改</translation>
    </message>
    <message>
        <source>too large for a record ({size:.1f} MB, the limit is {limit:.0f} MB)</source>
        <translation>文件过大，不是记录（{size:.1f} MB，上限为 {limit:.0f} MB）</translation>
    </message>
    <message>
        <source>no frontmatter: the file must start with a &apos;---&apos; line</source>
        <translation>没有前置元数据：文件必须以 &apos;---&apos; 行开头</translation>
    </message>
    <message>
        <source>unclosed frontmatter: no closing &apos;---&apos; line after the opening one</source>
        <translation>前置元数据未闭合：开头的 &apos;---&apos; 行之后没有闭合的 &apos;---&apos; 行</translation>
    </message>
    <message>
        <source>not UTF-8: byte 0x{byte:02x} cannot be decoded (save the file as UTF-8)</source>
        <translation>不是 UTF-8：字节 0x{byte:02x} 无法解码（请将文件另存为 UTF-8）</translation>
    </message>
    <message>
        <source>save the file with LF or CRLF line endings</source>
        <translation>请以 LF 或 CRLF 换行符保存文件</translation>
    </message>
    <message>
        <source>old Mac line endings (CR only): neither gray-matter nor python-frontmatter reads this frontmatter</source>
        <translation>旧式 Mac 换行符（仅 CR）：gray-matter 和 python-frontmatter 都无法读取此前置元数据</translation>
    </message>
    <message>
        <source>the first line is a fence of four or more dashes: the website&apos;s gray-matter reads no frontmatter after it (python-frontmatter does)</source>
        <translation>第一行是四个或更多短横线：网站的 gray-matter 不会读取其后的前置元数据（python-frontmatter 会）</translation>
    </message>
    <message>
        <source>JSON syntax error: {error}</source>
        <translation>JSON 语法错误：{error}</translation>
    </message>
    <message>
        <source>unexpected text after the JSON object</source>
        <translation>JSON 对象之后有多余的文本</translation>
    </message>
    <message>
        <source>frontmatter must be a JSON object</source>
        <translation>前置元数据必须是 JSON 对象</translation>
    </message>
    <message>
        <source>a number of {digits} digits: more than the {limit} that can be read</source>
        <translation>{digits} 位的数字：超过可读取的 {limit} 位</translation>
    </message>
    <message>
        <source>unsaved edits of {label} cannot be kept for recovery: {why}</source>
        <translation>{label} 的未保存编辑无法留存以备恢复：{why}</translation>
    </message>
    <message>
        <source>unsaved edits of {label} cannot be kept for recovery in {folder}: {why}</source>
        <translation>{label} 的未保存编辑无法留存到 {folder} 以备恢复：{why}</translation>
    </message>
    <message>
        <source>frontmatter must be a mapping of fields, not a {type}</source>
        <translation>前置元数据必须是字段映射，而不是 {type}</translation>
    </message>
    <message>
        <source>nested more than {depth} levels deep</source>
        <translation>嵌套超过 {depth} 层</translation>
    </message>
    <message>
        <source>recursive alias: a value contains itself</source>
        <translation>递归别名：某个值包含了它自己</translation>
    </message>
    <message>
        <source>YAML syntax error: {error}</source>
        <translation>YAML 语法错误：{error}</translation>
    </message>
    <message>
        <source>a record has one</source>
        <translation>一条记录只能有一个</translation>
    </message>
    <message>
        <source>frontmatter must be a mapping of fields (key: value), not a list</source>
        <translation>前置元数据必须是字段映射（键: 值），而不是列表</translation>
    </message>
    <message>
        <source>frontmatter must be a mapping of fields (key: value), not a single value</source>
        <translation>前置元数据必须是字段映射（键: 值），而不是单个值</translation>
    </message>
    <message>
        <source>YAML error: {error}</source>
        <translation>YAML 错误：{error}</translation>
    </message>
    <message>
        <source>YAML value error: {error}</source>
        <translation>YAML 值错误：{error}</translation>
    </message>
    <message>
        <source>refusing to read</source>
        <translation>拒绝读取</translation>
    </message>
    <message>
        <source>several YAML documents in the frontmatter</source>
        <translation>前置元数据中有多个 YAML 文档</translation>
    </message>
    <message>
        <source>a comment needs a space before &apos;#&apos;</source>
        <translation>注释的 &apos;#&apos; 前需要一个空格</translation>
    </message>
    <message>
        <source>aliases expand to more than {limit:,} values (at least {total:,}): a possible alias bomb</source>
        <translation>别名展开后超过 {limit:,} 个值（至少 {total:,} 个）：可能是别名炸弹</translation>
    </message>
    <message>
        <source>a tab cannot indent a quoted value&apos;s continuation line</source>
        <translation>带引号的值的续行不能用制表符缩进</translation>
    </message>
    <message>
        <source>cannot read {path}: {why}</source>
        <translation>无法读取 {path}：{why}</translation>
    </message>
    <message>
        <source>nothing was changed</source>
        <translation>没有做任何更改</translation>
    </message>
    <message>
        <source>look at it, then remove it</source>
        <translation>请先查看，再删除它</translation>
    </message>
    <message>
        <source>cannot write {path}: {why}</source>
        <translation>无法写入 {path}：{why}</translation>
    </message>
    <message>
        <source>{path} (the journal of an interrupted verify or reopen) cannot be read ({why})</source>
        <translation>{path}（中断的核实或重新打开的日志）无法读取（{why}）</translation>
    </message>
    <message>
        <source>{file} changed since the action wrote it</source>
        <translation>{file} 在该操作写入后又被更改</translation>
    </message>
    <message>
        <source>{file} is gone</source>
        <translation>{file} 已不存在</translation>
    </message>
    <message>
        <source>HEAD moved since (it was {was}, it is {now})</source>
        <translation>HEAD 此后已移动（原为 {was}，现为 {now}）</translation>
    </message>
    <message>
        <source>the file changed since the action wrote it</source>
        <translation>该文件在该操作写入后又被更改</translation>
    </message>
    <message>
        <source>the file is gone</source>
        <translation>该文件已不存在</translation>
    </message>
    <message>
        <source>committed {what} in {sha}: {subject}</source>
        <translation>已在 {sha} 中提交 {what}：{subject}</translation>
    </message>
    <message>
        <source>moved {branch} back to {head} (the commit {sha} stays in git reflog)</source>
        <translation>已将 {branch} 移回 {head}（提交 {sha} 仍保留在 git reflog 中）</translation>
    </message>
    <message>
        <source>it stopped before it wrote the file (nothing to commit)</source>
        <translation>它在写入文件之前就已停止（没有可提交的内容）</translation>
    </message>
    <message>
        <source>it stopped before it wrote any of the files (nothing to commit)</source>
        <translation>它在写入任何文件之前就已停止（没有可提交的内容）</translation>
    </message>
    <message>
        <source>reviewer recover --undo puts back what can be put back and forgets it</source>
        <translation>reviewer recover --undo 会还原能还原的内容并忘掉它</translation>
    </message>
    <message>
        <source>it is exactly what was meant, and stands</source>
        <translation>它与原本要提交的内容完全一致，予以保留</translation>
    </message>
    <message>
        <source>left the commit {sha} and {what} alone: later commits are on top of it (git revert {sha} takes it back)</source>
        <translation>未改动提交 {sha} 和 {what}：其后已有新的提交（git revert {sha} 可撤回它）</translation>
    </message>
    <message>
        <source>forgot the interrupted action</source>
        <translation>已忘掉中断的操作</translation>
    </message>
    <message>
        <source>{branch} could not be moved back to {head}</source>
        <translation>无法将 {branch} 移回 {head}</translation>
    </message>
    <message>
        <source>put {file} back in git&apos;s index as it was</source>
        <translation>已将 {file} 在 git 索引中恢复原状</translation>
    </message>
    <message>
        <source>put {file} back as it was before the {action}</source>
        <translation>已将 {file} 恢复为 {action} 之前的样子</translation>
    </message>
    <message>
        <source>cannot finish the interrupted {action}: {why}</source>
        <translation>无法完成中断的 {action}：{why}</translation>
    </message>
    <message>
        <source>the commit {sha} git made after the reviewer stopped is not what was meant: {problem}</source>
        <translation>reviewer 停止后 git 做出的提交 {sha} 并非原本要提交的内容：{problem}</translation>
    </message>
    <message>
        <source>it was undone</source>
        <translation>已撤销该提交</translation>
    </message>
    <message>
        <source>it could not be undone</source>
        <translation>无法撤销该提交</translation>
    </message>
    <message>
        <source>git made the commit {sha} after all</source>
        <translation>git 最终还是做出了提交 {sha}</translation>
    </message>
    <message>
        <source>left {file} as it is: it changed since the {action}</source>
        <translation>{file} 保持原样：它在 {action} 之后又被更改</translation>
    </message>
    <message>
        <source>nothing was committed</source>
        <translation>没有提交任何内容</translation>
    </message>
    <message>
        <source>the file still holds what the interrupted action wrote: fix the cause and finish again, or reviewer recover --undo</source>
        <translation>该文件仍保留中断的操作所写入的内容：排除原因后再次完成，或运行 reviewer recover --undo</translation>
    </message>
    <message>
        <source>the files hold what the interrupted action wrote: fix the cause and finish again, or reviewer recover --undo</source>
        <translation>这些文件仍保留中断的操作所写入的内容：排除原因后再次完成，或运行 reviewer recover --undo</translation>
    </message>
    <message>
        <source>cannot finish the interrupted {action}: {file} changed meanwhile</source>
        <translation>无法完成中断的 {action}：{file} 在此期间已被更改</translation>
    </message>
    <message>
        <source>field not in the schema (kept as it is)</source>
        <translation>模式中没有此字段（原样保留）</translation>
    </message>
    <message>
        <source>citation {status}: {detail}</source>
        <translation>引用{status}：{detail}</translation>
    </message>
    <message>
        <source>the frontmatter ends with a &apos;...&apos; line, which gray-matter and python-frontmatter do not take for its end (python-frontmatter would {why})</source>
        <translation>前置元数据以 &apos;...&apos; 行结束，gray-matter 和 python-frontmatter 不把它当作结束（python-frontmatter 会{why}）</translation>
    </message>
    <message>
        <source>id {id!r} differs from the file&apos;s name {name!r}, which names the record</source>
        <translation>id {id!r} 与文件名 {name!r} 不同，而文件名决定记录</translation>
    </message>
    <message>
        <source>id {id!r} is also used by {other}</source>
        <translation>id {id!r} 也被 {other} 使用</translation>
    </message>
    <message>
        <source>migration placeholder (label &apos;Initial Assessment&apos;, baseline evidence): not an assessment yet</source>
        <translation>迁移留下的占位内容（标签 &apos;Initial Assessment&apos;，基线证据）：尚未评估</translation>
    </message>
    <message>
        <source>quote it</source>
        <translation>请加引号</translation>
    </message>
    <message>
        <source>YAML 1.1 tools cannot read this frontmatter: {error}</source>
        <translation>YAML 1.1 工具无法读取此前置元数据：{error}</translation>
    </message>
    <message>
        <source>verified, but no reviewer is recorded</source>
        <translation>已核实，但没有记录审核人</translation>
    </message>
    <message>
        <source>verified, but would not pass review: {reason}</source>
        <translation>已核实，但无法通过核实检查：{reason}</translation>
    </message>
    <message>
        <source>unquoted date is read as a date, not text</source>
        <translation>未加引号的日期会被读作日期，而不是文本</translation>
    </message>
    <message>
        <source>reads as {v12!r} in YAML 1.2 but as {v11!r} in YAML 1.1 tools</source>
        <translation>在 YAML 1.2 中读作 {v12!r}，但在 YAML 1.1 工具中读作 {v11!r}</translation>
    </message>
    <message>
        <source>Saved {files}</source>
        <translation>已保存 {files}</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>没有更改</translation>
    </message>
    <message>
        <source>Verified {id} in commit {commit}: {subject}</source>
        <translation>已核实 {id}，提交 {commit}：{subject}</translation>
    </message>
    <message>
        <source>Reopened {id} in commit {commit}: {subject}</source>
        <translation>已重新打开 {id}，提交 {commit}：{subject}</translation>
    </message>
    <message>
        <source>Attached {files} to {id}</source>
        <translation>已将 {files} 附加到 {id}</translation>
    </message>
    <message>
        <source>names another document ({what}), not among the record&apos;s sources</source>
        <translation>指向另一份文件（{what}），不在此记录的来源中</translation>
    </message>
    <message>
        <source>names {file} itself (line {line})</source>
        <translation>指向 {file} 本身（第 {line} 行）</translation>
    </message>
    <message>
        <source>document number {name}</source>
        <translation>文号 {name}</translation>
    </message>
    <message>
        <source>standard {name}</source>
        <translation>标准 {name}</translation>
    </message>
    <message>
        <source>no citation</source>
        <translation>没有引用</translation>
    </message>
    <message>
        <source>the citation is not text ({type})</source>
        <translation>引用不是文本（{type}）</translation>
    </message>
    <message>
        <source>but {names} is not named at the top of any source: check that it is this document</source>
        <translation>但没有任何来源在开头写明 {names}：请确认就是这份文件</translation>
    </message>
    <message>
        <source>the record has no sources</source>
        <translation>此记录没有来源</translation>
    </message>
    <message>
        <source>{file} mentions it at line {line}</source>
        <translation>{file} 第 {line} 行提到了它</translation>
    </message>
    <message>
        <source>names another document ({what})</source>
        <translation>指向另一份文件（{what}）</translation>
    </message>
    <message>
        <source>none of the record&apos;s sources can be read</source>
        <translation>此记录的来源都无法读取</translation>
    </message>
    <message>
        <source>{heading} under {parents}</source>
        <translation>{heading}（位于 {parents}）</translation>
    </message>
    <message>
        <source>{heading} ({file} line {line})</source>
        <translation>{heading}（{file} 第 {line} 行）</translation>
    </message>
    <message>
        <source>{count} headings match equally: {candidates}</source>
        <translation>{count} 个标题同样匹配：{candidates}</translation>
    </message>
    <message>
        <source>title matches {where}, but the citation says {written}</source>
        <translation>标题与 {where} 相符，但引用写的是 {written}</translation>
    </message>
    <message>
        <source>{written} is {where}, but its text does not say &apos;{title}&apos;</source>
        <translation>{written} 是 {where}，但其正文没有提到 &apos;{title}&apos;</translation>
    </message>
    <message>
        <source>no heading is titled &apos;{title}&apos;</source>
        <translation>没有标题为 &apos;{title}&apos; 的章节</translation>
    </message>
    <message>
        <source>no heading matches &apos;{title}&apos; (closest: {where})</source>
        <translation>没有与 &apos;{title}&apos; 相符的标题（最接近：{where}）</translation>
    </message>
    <message>
        <source>no heading matches &apos;{title}&apos;</source>
        <translation>没有与 &apos;{title}&apos; 相符的标题</translation>
    </message>
    <message>
        <source>title matches {where}, but the citation says {written}, which is {heading}</source>
        <translation>标题与 {where} 相符，但引用写的是 {written}，即 {heading}</translation>
    </message>
    <message>
        <source>title matches {where}, but the citation says {written}, and no heading has that number</source>
        <translation>标题与 {where} 相符，但引用写的是 {written}，而没有标题是这个编号</translation>
    </message>
    <message>
        <source>{written} is {where}, but its text mentions &apos;{title}&apos; at line {line}</source>
        <translation>{written} 是 {where}，但其正文在第 {line} 行提到 &apos;{title}&apos;</translation>
    </message>
    <message>
        <source>{written} is {where}, but its title is not &apos;{title}&apos;</source>
        <translation>{written} 是 {where}，但其标题不是 &apos;{title}&apos;</translation>
    </message>
    <message>
        <source>the record has no sources to check it against (nothing in {folder})</source>
        <translation>此记录没有可供核对的来源（{folder} 中没有文件）</translation>
    </message>
    <message>
        <source>title matches {where}</source>
        <translation>标题与 {where} 相符</translation>
    </message>
    <message>
        <source>the record has no sources: its id {id!r} cannot name a source folder</source>
        <translation>此记录没有来源：其 id {id!r} 不能作为来源文件夹名</translation>
    </message>
    <message>
        <source>the record&apos;s source folder</source>
        <translation>此记录的来源文件夹</translation>
    </message>
    <message>
        <source>none of the {count} files in {folder} can be read, so it cannot be checked</source>
        <translation>{folder} 中的 {count} 个文件都无法读取，因此无法核对</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>另有 {count} 个</translation>
    </message>
    <message>
        <source>{written} is at {where}</source>
        <translation>{written} 位于 {where}</translation>
    </message>
    <message>
        <source>no heading in the sources is numbered {written}</source>
        <translation>来源中没有编号为 {written} 的标题</translation>
    </message>
    <message>
        <source>{written} is at {heading}</source>
        <translation>{written} 位于 {heading}</translation>
    </message>
    <message>
        <source>number and title agree with {where}</source>
        <translation>编号和标题均与 {where} 相符</translation>
    </message>
    <message>
        <source>the title matches {count} headings, none numbered {written}: {candidates}</source>
        <translation>标题与 {count} 个标题相符，但都不是 {written}：{candidates}</translation>
    </message>
</context>
<context>
    <name>DashboardFlow</name>
    <message>
        <source>Open a workspace to see how its drafts held up.</source>
        <translation>打开一个工作区，查看其草稿经审核后的情况。</translation>
    </message>
    <message>
        <source>The history could not be read: {message}</source>
        <translation>无法读取历史：{message}</translation>
    </message>
    <message numerus="yes">
        <source>The list shows the %n record(s) behind the bar: {about}</source>
        <translation>
            <numerusform>列表显示该柱条对应的 %n 条记录：{about}</numerusform>
        </translation>
    </message>
    <message>
        <source>{folder} is not in a git repository, so it has no history to audit: the dashboard compares each record&apos;s draft as committed with its reviewed version, and reviews are recorded as git commits.</source>
        <translation>{folder} 不在 git 仓库中，因此没有可供审计的历史：仪表板将每条记录提交时的草稿与其审核后的版本进行比较，而审核以 git 提交的形式记录。</translation>
    </message>
</context>
<context>
    <name>DraftedNotesBox</name>
    <message>
        <source>Audit notes from the draft</source>
        <translation>草稿中已有的审核备注</translation>
    </message>
    <message>
        <source>These notes were already in the draft. A note explains a failing pillar only if you wrote it, changed it, or confirm it here.</source>
        <translation>这些备注在草稿中就已存在。只有您亲自撰写、修改或在此确认的备注，才能说明未通过检查的支柱。</translation>
    </message>
    <message>
        <source>{pillar}: “{note}” — I checked it; it stands</source>
        <translation>{pillar}：“{note}” — 我已核查，成立</translation>
    </message>
</context>
<context>
    <name>FieldSections</name>
    <message>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Legal weight</source>
        <translation>法律效力</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发布机构</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Impact analysis</source>
        <translation>影响分析</translation>
    </message>
    <message>
        <source>Economic</source>
        <translation>经济</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>技术</translation>
    </message>
    <message>
        <source>Environmental</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Implementation</source>
        <translation>实施</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>主管部门</translation>
    </message>
    <message>
        <source>Mechanism</source>
        <translation>机制</translation>
    </message>
    <message>
        <source>Funding scale</source>
        <translation>资金规模</translation>
    </message>
    <message>
        <source>Evolution</source>
        <translation>沿革</translation>
    </message>
    <message>
        <source>Supersedes</source>
        <translation>取代</translation>
    </message>
    <message>
        <source>Superseded by</source>
        <translation>被取代于</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>政策集群</translation>
    </message>
    <message>
        <source>Regulatory</source>
        <translation>监管</translation>
    </message>
    <message>
        <source>Co2 definition</source>
        <translation>二氧化碳定义</translation>
    </message>
    <message>
        <source>Cross border rules</source>
        <translation>跨境规则</translation>
    </message>
    <message>
        <source>Financial assurance</source>
        <translation>财务担保</translation>
    </message>
    <message>
        <source>Liability period</source>
        <translation>责任期限</translation>
    </message>
    <message>
        <source>Liability transfer</source>
        <translation>责任转移</translation>
    </message>
    <message>
        <source>Permitting lead time</source>
        <translation>许可审批周期</translation>
    </message>
    <message>
        <source>Pore space rights</source>
        <translation>孔隙空间权</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>来源信息</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Last audit</source>
        <translation>最近审计</translation>
    </message>
    <message>
        <source>{field} in {language}</source>
        <translation>{field}（{language}）</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>No record selected</source>
        <translation>未选择记录</translation>
    </message>
    <message>
        <source>Commits of the record</source>
        <translation>记录的提交</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Loading history…</source>
        <translation>正在加载历史…</translation>
    </message>
    <message>
        <source>No history: {message}</source>
        <translation>没有历史：{message}</translation>
    </message>
    <message>
        <source>Committed already verified (an import), not reviewed here</source>
        <translation>提交时即为已核实（导入），未在此审核</translation>
    </message>
    <message>
        <source>renamed from {path}</source>
        <translation>由 {path} 重命名而来</translation>
    </message>
    <message>
        <source>unreadable version: {error}</source>
        <translation>无法读取的版本：{error}</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>This verify commit is not signed</source>
        <translation>此核实提交未签名</translation>
    </message>
    <message>
        <source>This reopen commit is not signed</source>
        <translation>此重新打开提交未签名</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>无状态</translation>
    </message>
    <message>
        <source>imported as {status} by {author} on {day} ({commit})</source>
        <translation>{author} 于 {day} 以{status}状态导入（{commit}）</translation>
    </message>
    <message>
        <source>verified by {author} on {day} ({commit})</source>
        <translation>{author} 于 {day} 核实（{commit}）</translation>
    </message>
    <message>
        <source>reopened by {author} on {day} ({commit})</source>
        <translation>{author} 于 {day} 重新打开（{commit}）</translation>
    </message>
    <message>
        <source>Not committed yet</source>
        <translation>尚未提交</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{color}&apos;&gt;Verified&lt;/b&gt; by {author} &amp;lt;{email}&amp;gt; on {day} ({commit})</source>
        <translation>由 {author} &amp;lt;{email}&amp;gt; 于 {day} &lt;b style=&apos;color:{color}&apos;&gt;核实&lt;/b&gt;（{commit}）</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{color}&apos;&gt;Verified as imported&lt;/b&gt;, not reviewed here yet · {story}</source>
        <translation>&lt;b style=&apos;color:{color}&apos;&gt;导入时即为已核实&lt;/b&gt;，尚未在此审核 · {story}</translation>
    </message>
    <message>
        <source>Draft now · {story}</source>
        <translation>当前为草稿 · {story}</translation>
    </message>
    <message>
        <source>Verified now · {story}</source>
        <translation>当前已核实 · {story}</translation>
    </message>
    <message>
        <source>{status} now · {story}</source>
        <translation>当前为 {status} · {story}</translation>
    </message>
    <message>
        <source>Never verified · %n commit(s)</source>
        <translation>从未核实 · %n 个提交</translation>
    </message>
</context>
<context>
    <name>IndexFlow</name>
    <message>
        <source>Workspace index: {note}</source>
        <translation>工作区索引：{note}</translation>
    </message>
    <message>
        <source>Source texts are not searchable: {message}</source>
        <translation>来源原文无法搜索：{message}</translation>
    </message>
    <message>
        <source>Workspace index unavailable ({message}); reading every record</source>
        <translation>工作区索引不可用（{message}）；正在逐条读取记录</translation>
    </message>
</context>
<context>
    <name>IndexProgress</name>
    <message>
        <source>Indexing records</source>
        <translation>正在索引记录</translation>
    </message>
    <message>
        <source>Indexing source texts</source>
        <translation>正在索引来源原文</translation>
    </message>
    <message>
        <source>{what} {done} / {total}</source>
        <translation>{what} {done} / {total}</translation>
    </message>
    <message>
        <source>{what}…</source>
        <translation>{what}…</translation>
    </message>
</context>
<context>
    <name>InitOffer</name>
    <message>
        <source>&lt;b&gt;%n&lt;/b&gt; record file(s) in {folders}</source>
        <translation>{folders} 中有 &lt;b&gt;%n&lt;/b&gt; 个记录文件</translation>
    </message>
    <message>
        <source>languages &lt;b&gt;{languages}&lt;/b&gt;: one record in each language&apos;s file ({where}); the first is the primary language</source>
        <translation>语言 &lt;b&gt;{languages}&lt;/b&gt;：每条记录每种语言一个文件（{where}）；第一种为主语言</translation>
    </message>
    <message>
        <source>pillars: {pillars}</source>
        <translation>支柱：{pillars}</translation>
    </message>
    <message>
        <source>tools: {tools}; commits get a conventional subject</source>
        <translation>工具：{tools}；提交使用约定式标题</translation>
    </message>
    <message>
        <source>tools: {tools}</source>
        <translation>工具：{tools}</translation>
    </message>
    <message>
        <source>Describe this repository?</source>
        <translation>描述此仓库？</translation>
    </message>
    <message>
        <source>{folder} has records but no {config}, and they are not laid out the way reviewer reads a folder by default.</source>
        <translation>{folder} 中有记录但没有 {config}，而且记录的组织方式不是 reviewer 默认读取文件夹的方式。</translation>
    </message>
    <message>
        <source>reviewer found:{findings}Create {config} with this (the same as &lt;code&gt;reviewer init&lt;/code&gt;; nothing else in the repository changes, and you can edit the file later)?</source>
        <translation>reviewer 发现：{findings}要据此创建 {config} 吗（与 &lt;code&gt;reviewer init&lt;/code&gt; 相同；仓库中其他内容不变，之后也可以编辑该文件）？</translation>
    </message>
    <message>
        <source>Create {config}</source>
        <translation>创建 {config}</translation>
    </message>
    <message>
        <source>Open without it</source>
        <translation>不创建，直接打开</translation>
    </message>
</context>
<context>
    <name>ListField</name>
    <message>
        <source>separate items with ;</source>
        <translation>各项之间用 ; 分隔</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>打开工作区…</translation>
    </message>
    <message>
        <source>&amp;Save record</source>
        <translation>保存记录(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;vert record…</source>
        <translation>还原记录(&amp;V)…</translation>
    </message>
    <message>
        <source>Reload workspace</source>
        <translation>重新加载工作区</translation>
    </message>
    <message>
        <source>&amp;Attach source to this record…</source>
        <translation>为此记录附加来源(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find in source</source>
        <translation>在原文中查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Cite selection for the current pillar</source>
        <translation>将选中内容引用到当前支柱(&amp;C)</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Verify and commit…</source>
        <translation>核实并提交(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Reopen…</source>
        <translation>重新打开(&amp;R)…</translation>
    </message>
    <message>
        <source>S&amp;ync with the team&apos;s remote</source>
        <translation>与团队的远程仓库同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Next record</source>
        <translation>下一条记录</translation>
    </message>
    <message>
        <source>Previous record</source>
        <translation>上一条记录</translation>
    </message>
    <message>
        <source>Next draft</source>
        <translation>下一份草稿</translation>
    </message>
    <message>
        <source>Filter records</source>
        <translation>筛选记录</translation>
    </message>
    <message>
        <source>Jump to pillar</source>
        <translation>跳转到支柱</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard &amp;shortcuts</source>
        <translation>键盘快捷键(&amp;S)</translation>
    </message>
    <message>
        <source>; citations checked again</source>
        <translation>；已重新检查引用</translation>
    </message>
    <message>
        <source>. No drafts left in the list.</source>
        <translation>。列表中已没有草稿。</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>No record with id {id}</source>
        <translation>没有 id 为 {id} 的记录</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record file(s)</source>
        <translation>
            <numerusform>%Ln 个记录文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{records} in %Ln file(s)</source>
        <translation>
            <numerusform>{records}，分布在 %Ln 个文件中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>{name} changed on disk</source>
        <translation>{name} 在磁盘上已更改</translation>
    </message>
    <message>
        <source>When you opened it</source>
        <translation>您打开时</translation>
    </message>
    <message>
        <source>On disk</source>
        <translation>磁盘上</translation>
    </message>
    <message>
        <source>Merge with these choices</source>
        <translation>按这些选择合并</translation>
    </message>
    <message>
        <source>Discard my edits, take the file</source>
        <translation>放弃我的修改，采用文件</translation>
    </message>
    <message>
        <source>taken from the file</source>
        <translation>取自文件</translation>
    </message>
    <message>
        <source>{name}: a teammate changed the same fields</source>
        <translation>{name}：队友修改了相同的字段</translation>
    </message>
    <message>
        <source>Before both</source>
        <translation>双方修改前</translation>
    </message>
    <message>
        <source>Theirs (remote)</source>
        <translation>对方（远程）</translation>
    </message>
    <message>
        <source>Resolve and continue the sync</source>
        <translation>解决并继续同步</translation>
    </message>
    <message>
        <source>Abort the sync</source>
        <translation>中止同步</translation>
    </message>
    <message>
        <source>taken from the remote</source>
        <translation>取自远程</translation>
    </message>
    <message>
        <source>(not there)</source>
        <translation>（不存在）</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; was changed on the shared remote too, and %n field(s) differ from your commit: choose which value each keeps, or type one. Yours is this clone&apos;s; theirs is already on the remote.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; 在共享的远程仓库中也被修改，有 %n 个字段与您的提交不同：请为每个字段选择保留哪个值，或自行输入。“您的”是本克隆中的值；“对方的”已在远程仓库中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; was changed by someone else while you had unsaved edits. %n field(s) changed on both sides: choose which value each keeps, or type one. Nothing is saved until you save.</source>
        <translation>
            <numerusform>在您有未保存的修改时，&lt;b&gt;{name}&lt;/b&gt; 被他人更改。双方都修改了 %n 个字段：请为每个字段选择保留哪个值，或自行输入。在您保存之前不会写入任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Yours: {value}</source>
        <translation>您的：{value}</translation>
    </message>
    <message>
        <source>{side}: {value}</source>
        <translation>{side}：{value}</translation>
    </message>
    <message>
        <source>Other:</source>
        <translation>其他：</translation>
    </message>
    <message>
        <source>a value of your own</source>
        <translation>您自己的值</translation>
    </message>
    <message>
        <source>Your own value for {field}</source>
        <translation>{field}：您自己的值</translation>
    </message>
    <message>
        <source>{field}: {choice}</source>
        <translation>{field}：{choice}</translation>
    </message>
    <message>
        <source>your edits kept: {fields}</source>
        <translation>保留了您的修改：{fields}</translation>
    </message>
    <message>
        <source>{side}: {fields}</source>
        <translation>{side}：{fields}</translation>
    </message>
    <message>
        <source>Merged by themselves (changed on one side only): {parts}.</source>
        <translation>已自动合并（仅一方修改）：{parts}。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{field}: {value} is not a value this field holds (a number, true/false, or JSON)</source>
        <translation>{field}：{value} 不是此字段可接受的值（数字、true/false 或 JSON）</translation>
    </message>
</context>
<context>
    <name>NoWorkspacePanel</name>
    <message>
        <source>Open another folder…</source>
        <translation>打开其他文件夹…</translation>
    </message>
    <message>
        <source>Set up this folder…</source>
        <translation>设置此文件夹…</translation>
    </message>
    <message>
        <source>Look at the folder as &apos;reviewer init&apos; does and offer a reviewer.toml</source>
        <translation>像“reviewer init”一样检查此文件夹，并提供一个 reviewer.toml</translation>
    </message>
    <message>
        <source>Open the demo workspace</source>
        <translation>打开演示工作区</translation>
    </message>
    <message>
        <source>&lt;b&gt;{folder}&lt;/b&gt; cannot be opened as a workspace.</source>
        <translation>&lt;b&gt;{folder}&lt;/b&gt; 无法作为工作区打开。</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <source>A workspace is a folder of records (records/&amp;lt;id&amp;gt;.md), or a repository described by a reviewer.toml.</source>
        <translation>工作区是一个存放记录的文件夹（records/&amp;lt;id&amp;gt;.md），或一个由 reviewer.toml 描述的仓库。</translation>
    </message>
</context>
<context>
    <name>Pillar</name>
    <message>
        <source>incentive</source>
        <translation>经济激励</translation>
    </message>
    <message>
        <source>statutory</source>
        <translation>法定约束</translation>
    </message>
    <message>
        <source>liability</source>
        <translation>责任追究</translation>
    </message>
    <message>
        <source>mrv</source>
        <translation>监测核查</translation>
    </message>
    <message>
        <source>market</source>
        <translation>市场机制</translation>
    </message>
    <message>
        <source>strategic</source>
        <translation>战略引导</translation>
    </message>
    <message>
        <source>technical</source>
        <translation>技术规范</translation>
    </message>
</context>
<context>
    <name>PillarCard</name>
    <message>
        <source>Add pillar</source>
        <translation>添加支柱</translation>
    </message>
    <message>
        <source>Start assessing {pillar}</source>
        <translation>开始评估{pillar}</translation>
    </message>
    <message>
        <source>short label</source>
        <translation>简短标签</translation>
    </message>
    <message>
        <source>what the policy text says</source>
        <translation>政策原文的表述</translation>
    </message>
    <message>
        <source>where in the source, e.g. 七、保障措施（二）</source>
        <translation>在原文中的位置，例如 七、保障措施（二）</translation>
    </message>
    <message>
        <source>why this stands (required to verify over a warning)</source>
        <translation>为何成立（有警告时核实必须填写）</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Audit note</source>
        <translation>审核备注</translation>
    </message>
    <message>
        <source>Score of the {pillar} pillar</source>
        <translation>{pillar}支柱的评分</translation>
    </message>
    <message>
        <source>Label of the {pillar} pillar</source>
        <translation>{pillar}支柱的标签</translation>
    </message>
    <message>
        <source>Evidence of the {pillar} pillar</source>
        <translation>{pillar}支柱的证据</translation>
    </message>
    <message>
        <source>Citation of the {pillar} pillar</source>
        <translation>{pillar}支柱的引用</translation>
    </message>
    <message>
        <source>Audit note of the {pillar} pillar</source>
        <translation>{pillar}支柱的审核备注</translation>
    </message>
    <message>
        <source>Add the {pillar} pillar</source>
        <translation>添加{pillar}支柱</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>migration placeholder: not an assessment yet</source>
        <translation>迁移占位内容：尚不是评估</translation>
    </message>
    <message>
        <source>{symbol} citation {status}</source>
        <translation>{symbol} 引用{status}</translation>
    </message>
    <message>
        <source>Citation check of the {pillar} pillar: {status}</source>
        <translation>{pillar}支柱的引用检查：{status}</translation>
    </message>
    <message>
        <source>As the document writes it: {citation}</source>
        <translation>原文写法：{citation}</translation>
    </message>
    <message>
        <source>Could be: {headings}</source>
        <translation>可能是：{headings}</translation>
    </message>
    <message>
        <source>{heading} (line {line})</source>
        <translation>{heading}（第 {line} 行）</translation>
    </message>
</context>
<context>
    <name>PillarChangeChart</name>
    <message>
        <source>&lt;b&gt;Scores the auditors changed, per pillar&lt;/b&gt;</source>
        <translation>&lt;b&gt;审核员修改的评分（按支柱）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Threshold of a changed score, in points</source>
        <translation>评分变动的阈值（分）</translation>
    </message>
    <message>
        <source>changed by more than </source>
        <translation>变动超过 </translation>
    </message>
    <message>
        <source> points</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>changed by any amount</source>
        <translation>任意幅度的变动</translation>
    </message>
    <message>
        <source>Count a score as changed only when it moved by more than this many points (0: any change); a click on a bar lists those records</source>
        <translation>评分变动超过此分数才计为有变动（0：任意变动）；单击柱条可列出这些记录</translation>
    </message>
    <message>
        <source>% of reviewed pillars</source>
        <translation>占已审核支柱的百分比</translation>
    </message>
    <message>
        <source>Mean absolute score change, in points</source>
        <translation>评分平均绝对变动（分）</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>{changed} of {reviewed} reviewed pillars</source>
        <translation>{reviewed} 个已审核支柱中的 {changed} 个</translation>
    </message>
    <message>
        <source>score changed</source>
        <translation>评分有变动</translation>
    </message>
    <message>
        <source>mean |Δ|</source>
        <translation>平均 |Δ|</translation>
    </message>
    <message>
        <source>Reviewed pillars whose score changed</source>
        <translation>评分有变动的已审核支柱</translation>
    </message>
    <message>
        <source>Reviewed pillars whose score changed by more than {points} points</source>
        <translation>评分变动超过 {points} 分的已审核支柱</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>A name cannot contain &apos;&lt;&apos;, &apos;&gt;&apos; or a line break (git would drop them).</source>
        <translation>姓名不能包含“&lt;”、“&gt;”或换行（git 会把它们丢掉）。</translation>
    </message>
    <message>
        <source>Not an email address: write it as name@example.org, without spaces or angle brackets.</source>
        <translation>不是电子邮件地址：请写成 name@example.org 的形式，不要有空格或尖括号。</translation>
    </message>
    <message>
        <source>Enter the email that goes with this name (or leave both empty to use git&apos;s).</source>
        <translation>请输入与此姓名对应的电子邮件（或两者都留空以使用 git 的身份）。</translation>
    </message>
    <message>
        <source>Enter the name that goes with this email (or leave both empty to use git&apos;s).</source>
        <translation>请输入与此电子邮件对应的姓名（或两者都留空以使用 git 的身份）。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Who verifies</source>
        <translation>核实人</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>电子邮件(&amp;E)</translation>
    </message>
    <message>
        <source>The author of your verify and reopen commits. Left empty, git&apos;s user.name and user.email are used.</source>
        <translation>您的核实和重新打开提交的作者。留空时使用 git 的 user.name 和 user.email。</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The window is built again in the new language; while a record has unsaved edits, the language changes at the next start.</source>
        <translation>窗口会以新语言重新构建；若记录有未保存的修改，语言将在下次启动时更改。</translation>
    </message>
    <message>
        <source>Unsaved edits</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Unsaved edits are written to the recovery folder at most this long after an edit, so a crash loses none of them.</source>
        <translation>每次修改后最迟在这段时间内将未保存的修改写入恢复文件夹，这样崩溃也不会丢失任何修改。</translation>
    </message>
    <message>
        <source>&amp;Keep them for recovery within</source>
        <translation>保存以便恢复的间隔(&amp;K)</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Check the team&apos;s remote in the &amp;background</source>
        <translation>在后台检查团队的远程仓库(&amp;B)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>&amp;Share each verify at once (push)</source>
        <translation>每次核实后立即共享（推送）(&amp;S)</translation>
    </message>
    <message>
        <source>Check e&amp;very</source>
        <translation>检查间隔(&amp;V)</translation>
    </message>
    <message>
        <source>Font si&amp;ze</source>
        <translation>字号(&amp;Z)</translation>
    </message>
    <message>
        <source>Source texts</source>
        <translation>来源原文</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>&amp;Font</source>
        <translation>字体(&amp;F)</translation>
    </message>
    <message>
        <source>The author of your verify and reopen commits. Left empty, git&apos;s own is used: {name} &lt;{email}&gt;.</source>
        <translation>您的核实和重新打开提交的作者。留空时使用 git 自己的身份：{name} &lt;{email}&gt;。</translation>
    </message>
</context>
<context>
    <name>PreferencesFlow</name>
    <message>
        <source>The interface language changes at the next start (or the next OK in Preferences): {reason}; nothing was lost</source>
        <translation>界面语言将在下次启动时（或下次在首选项中点击确定时）更改：{reason}；没有丢失任何内容</translation>
    </message>
</context>
<context>
    <name>RecordFlow</name>
    <message>
        <source>This file cannot be read as a record:
{error}</source>
        <translation>此文件无法作为记录读取：
{error}</translation>
    </message>
    <message>
        <source>No unsaved edits to revert</source>
        <translation>没有可还原的未保存修改</translation>
    </message>
    <message>
        <source>Revert record</source>
        <translation>还原记录</translation>
    </message>
    <message>
        <source>Discard your unsaved edits to {id} and show the file as it was last saved?</source>
        <translation>放弃对 {id} 的未保存修改，并显示最后保存的文件？</translation>
    </message>
    <message>
        <source>Reverted to the saved file</source>
        <translation>已还原为保存的文件</translation>
    </message>
    <message>
        <source>{id} is verified: reopen it (with a reason) to change it</source>
        <translation>{id} 已核实：如需修改，请先重新打开（并说明理由）</translation>
    </message>
    <message>
        <source>The save waits for the sync to finish (a paused sync: resolve or abort it with the Sync button)</source>
        <translation>保存将等待同步完成（同步已暂停：请通过“同步”按钮解决或中止）</translation>
    </message>
    <message>
        <source>No unsaved edits</source>
        <translation>没有未保存的修改</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何内容。</translation>
    </message>
    <message>
        <source>Unsaved edits</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>{id} has unsaved edits. Save them?</source>
        <translation>{id} 有未保存的修改。要保存吗？</translation>
    </message>
    <message>
        <source>{file} changed on disk and cannot be read: {message}</source>
        <translation>{file} 在磁盘上已更改且无法读取：{message}</translation>
    </message>
    <message numerus="yes">
        <source>{file} changed on disk: merged with your edits (%n field(s) from the file, your {mine} kept); not saved yet</source>
        <translation>
            <numerusform>{file} 在磁盘上已更改：已与您的修改合并（%n 个字段取自文件，保留了您的 {mine} 个）；尚未保存</numerusform>
        </translation>
    </message>
    <message>
        <source>Reloaded {file}: your edits were discarded</source>
        <translation>已重新加载 {file}：您的修改已放弃</translation>
    </message>
    <message>
        <source>{file}: merged with the file on disk; not saved yet</source>
        <translation>{file}：已与磁盘上的文件合并；尚未保存</translation>
    </message>
    <message>
        <source>Reloaded {file}: it changed on disk</source>
        <translation>已重新加载 {file}：它在磁盘上已更改</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>No record selected</source>
        <translation>未选择记录</translation>
    </message>
    <message>
        <source>Fields this version does not know (kept as they are)</source>
        <translation>此版本不认识的字段（保持原样）</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n citation(s) not backed by the sources</source>
        <translation>
            <numerusform>%n 条引用在来源中找不到依据</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>未发现问题</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Search or filter, e.g. 碳达峰 status:draft mrv:&gt;=60 (Ctrl+L)</source>
        <translation>搜索或筛选，例如 碳达峰 status:draft mrv:&gt;=60（Ctrl+L）</translation>
    </message>
    <message>
        <source>Filter records</source>
        <translation>筛选记录</translation>
    </message>
    <message>
        <source>Words search the records and their source texts (Chinese needs no spaces).
Filters: status:draft country:CN year:2024 author:NDRC mrv:&gt;=60 score:40-80 citation:mismatch</source>
        <translation>输入的词语会在记录及其来源原文中搜索（中文无需空格）。
筛选条件：status:draft country:CN year:2024 author:NDRC mrv:&gt;=60 score:40-80 citation:mismatch</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Show every record again</source>
        <translation>重新显示全部记录</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message numerus="yes">
        <source>%n draft(s)</source>
        <translation>
            <numerusform>%n 份草稿</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verified</source>
        <translation>
            <numerusform>%n 条已核实</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n 个无法读取</numerusform>
        </translation>
    </message>
    <message>
        <source>showing {shown} of {total}</source>
        <translation>显示 {shown} / {total} 条</translation>
    </message>
    <message numerus="yes">
        <source>Showing %n record(s) from the dashboard: {about}</source>
        <translation>
            <numerusform>显示仪表板中的 %n 条记录：{about}</numerusform>
        </translation>
    </message>
    <message>
        <source>No records match</source>
        <translation>没有匹配的记录</translation>
    </message>
    <message>
        <source>The open record is hidden by the filter; it stays open in the form</source>
        <translation>打开的记录被筛选条件隐藏了；它仍在表单中打开</translation>
    </message>
</context>
<context>
    <name>RecordSession</name>
    <message>
        <source>Edit {field}</source>
        <translation>编辑 {field}</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>● unsaved edits</source>
        <translation>● 未保存的修改</translation>
    </message>
    <message>
        <source>↑ committed, not yet pushed</source>
        <translation>↑ 已提交，尚未推送</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
</context>
<context>
    <name>RecoveryFlow</name>
    <message>
        <source>A verify of {what} (started {started}) was interrupted before its commit was checked.</source>
        <translation>对 {what} 的核实（开始于 {started}）在其提交被检查之前中断了。</translation>
    </message>
    <message>
        <source>A reopen of {what} (started {started}) was interrupted before its commit was checked.</source>
        <translation>对 {what} 的重新打开（开始于 {started}）在其提交被检查之前中断了。</translation>
    </message>
    <message>
        <source>A {action} of {what} (started {started}) was interrupted before its commit was checked.</source>
        <translation>对 {what} 的 {action}（开始于 {started}）在其提交被检查之前中断了。</translation>
    </message>
    <message>
        <source>Unfinished review</source>
        <translation>未完成的审核</translation>
    </message>
    <message>
        <source>It cannot be finished: {why}.</source>
        <translation>无法完成：{why}。</translation>
    </message>
    <message>
        <source>Finish it: commit the record as it was written, with the usual checks. Or put the file back as it was before.</source>
        <translation>完成它：按写入时的内容提交记录，照常进行检查。或者将文件恢复原状。</translation>
    </message>
    <message>
        <source>Finish the commit</source>
        <translation>完成提交</translation>
    </message>
    <message>
        <source>Put the file back</source>
        <translation>恢复文件</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>An interrupted review is still unfinished: verify and reopen wait until it is finished or undone (reviewer recover)</source>
        <translation>一次中断的审核仍未完成：核实和重新打开需等到它完成或撤销（reviewer recover）</translation>
    </message>
    <message>
        <source>Not recovered</source>
        <translation>未恢复</translation>
    </message>
</context>
<context>
    <name>ReviewAction</name>
    <message>
        <source>verify</source>
        <translation>核实</translation>
    </message>
    <message>
        <source>reopen</source>
        <translation>重新打开</translation>
    </message>
</context>
<context>
    <name>ReviewChangeChart</name>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Placeholder replaced</source>
        <translation>替换占位内容</translation>
    </message>
    <message>
        <source>Pillar added</source>
        <translation>添加支柱</translation>
    </message>
    <message>
        <source>Pillar removed</source>
        <translation>删除支柱</translation>
    </message>
    <message>
        <source>a pillar&apos;s score changed</source>
        <translation>有支柱评分变动</translation>
    </message>
    <message>
        <source>a pillar&apos;s label changed</source>
        <translation>有支柱标签变动</translation>
    </message>
    <message>
        <source>a pillar&apos;s evidence changed</source>
        <translation>有支柱证据变动</translation>
    </message>
    <message>
        <source>a pillar&apos;s citation corrected</source>
        <translation>有支柱引用被更正</translation>
    </message>
    <message>
        <source>a pillar&apos;s audit note added</source>
        <translation>有支柱添加了审核备注</translation>
    </message>
    <message>
        <source>a pillar&apos;s placeholder replaced</source>
        <translation>有支柱的占位内容被替换</translation>
    </message>
    <message>
        <source>a pillar added</source>
        <translation>添加了支柱</translation>
    </message>
    <message>
        <source>a pillar removed</source>
        <translation>删除了支柱</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the auditors changed&lt;/b&gt; (reviewed pillars)</source>
        <translation>&lt;b&gt;审核员修改了什么&lt;/b&gt;（已审核支柱）</translation>
    </message>
    <message>
        <source>reviewed pillars</source>
        <translation>已审核支柱</translation>
    </message>
    <message>
        <source>{n} of {reviewed} reviewed pillars ({share}%)</source>
        <translation>{reviewed} 个已审核支柱中的 {n} 个（{share}%）</translation>
    </message>
    <message>
        <source>no pillar reviewed yet</source>
        <translation>尚无已审核的支柱</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>{files} and {last}</source>
        <translation>{files} 和 {last}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Verify {record}</source>
        <translation>核实 {record}</translation>
    </message>
    <message>
        <source>Reopen {record}</source>
        <translation>重新打开 {record}</translation>
    </message>
    <message>
        <source>Checking the record…</source>
        <translation>正在检查记录…</translation>
    </message>
    <message>
        <source>Verify and commit</source>
        <translation>核实并提交</translation>
    </message>
    <message>
        <source>Reopen and commit</source>
        <translation>重新打开并提交</translation>
    </message>
    <message>
        <source>Pillar</source>
        <translation>支柱</translation>
    </message>
    <message>
        <source>Verdict (double-click to go to the pillar)</source>
        <translation>结论（双击转到该支柱）</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Audit note</source>
        <translation>审核备注</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>核实检查</translation>
    </message>
    <message>
        <source>Citations</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Field changes</source>
        <translation>字段变更</translation>
    </message>
    <message>
        <source>Raw diff</source>
        <translation>原始差异</translation>
    </message>
    <message>
        <source>Commit message</source>
        <translation>提交信息</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Note for the commit (optional)</source>
        <translation>提交备注（可选）</translation>
    </message>
    <message>
        <source>Why is this record reopened? (required)</source>
        <translation>为什么重新打开此记录？（必填）</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b style=&apos;color:{color}&apos;&gt;Cannot verify yet.&lt;/b&gt; %n problem(s) below. Fix them, or add an audit note to the pillar explaining why it stands (a note the draft already held counts once you confirm it below).</source>
        <translation>
            <numerusform>&lt;b style=&apos;color:{color}&apos;&gt;尚不能核实。&lt;/b&gt;下方有 %n 个问题。请修正，或为该支柱添加审核备注说明其为何成立（草稿中已有的备注在您于下方确认后才算数）。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{color}&apos;&gt;Ready to verify.&lt;/b&gt; The commit will hold only {files}.</source>
        <translation>&lt;b style=&apos;color:{color}&apos;&gt;可以核实。&lt;/b&gt;提交将只包含 {files}。</translation>
    </message>
    <message>
        <source>Reopen moves the record back to draft; the commit will hold only {files}.</source>
        <translation>重新打开会将记录退回为草稿；提交将只包含 {files}。</translation>
    </message>
    <message>
        <source>passes</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>needed to verify</source>
        <translation>核实前必须填写</translation>
    </message>
    <message>
        <source>Add an audit note to this pillar saying why the citation stands</source>
        <translation>为此支柱添加审核备注，说明该引用为何成立</translation>
    </message>
    <message>
        <source>Citations ({count})</source>
        <translation>引用（{count}）</translation>
    </message>
</context>
<context>
    <name>ReviewFlow</name>
    <message>
        <source>Only a verified record can be reopened</source>
        <translation>只有已核实的记录才能重新打开</translation>
    </message>
    <message>
        <source>Committed as {commit}: {id} verified</source>
        <translation>已提交为 {commit}：{id} 已核实</translation>
    </message>
    <message>
        <source>Committed as {commit}: {id} reopened</source>
        <translation>已提交为 {commit}：{id} 已重新打开</translation>
    </message>
</context>
<context>
    <name>ReviewStatus</name>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已核实</translation>
    </message>
</context>
<context>
    <name>ReviewTimelineChart</name>
    <message>
        <source>&lt;b&gt;Over time&lt;/b&gt;: verified records and drafts</source>
        <translation>&lt;b&gt;随时间变化&lt;/b&gt;：已核实记录与草稿</translation>
    </message>
    <message>
        <source>records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>drafts</source>
        <translation>草稿</translation>
    </message>
</context>
<context>
    <name>ScoreField</name>
    <message>
        <source>{name} (slider)</source>
        <translation>{name}（滑块）</translation>
    </message>
</context>
<context>
    <name>SetupFlow</name>
    <message>
        <source>Looking at {folder}…</source>
        <translation>正在检查 {folder}…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {config}: %n record file(s), languages {languages}</source>
        <translation>
            <numerusform>已写入 {config}：%n 个记录文件，语言 {languages}</numerusform>
        </translation>
    </message>
    <message>
        <source>one per record</source>
        <translation>每条记录一种</translation>
    </message>
    <message>
        <source>Configuration not written</source>
        <translation>未写入配置</translation>
    </message>
    <message>
        <source>reviewer.toml was not written.</source>
        <translation>未写入 reviewer.toml。</translation>
    </message>
    <message>
        <source>Not a workspace</source>
        <translation>不是工作区</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Save the record (only the fields you changed)</source>
        <translation>保存记录（只写入您修改的字段）</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>撤销上一次修改</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Verify the record and commit it</source>
        <translation>核实记录并提交</translation>
    </message>
    <message>
        <source>Reopen a verified record (back to draft)</source>
        <translation>重新打开已核实的记录（退回草稿）</translation>
    </message>
    <message>
        <source>Next record in the list</source>
        <translation>列表中的下一条记录</translation>
    </message>
    <message>
        <source>Previous record in the list</source>
        <translation>列表中的上一条记录</translation>
    </message>
    <message>
        <source>Next draft</source>
        <translation>下一份草稿</translation>
    </message>
    <message>
        <source>Focus the record filter</source>
        <translation>转到记录筛选框</translation>
    </message>
    <message>
        <source>Find in the source text</source>
        <translation>在原文中查找</translation>
    </message>
    <message>
        <source>Cite the selected source text for the current pillar</source>
        <translation>将选中的原文引用到当前支柱</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <source>Show or hide the record&apos;s history</source>
        <translation>显示或隐藏记录的历史</translation>
    </message>
    <message>
        <source>Open the dashboard: how the drafts held up under review</source>
        <translation>打开仪表板：草稿经审核后的情况</translation>
    </message>
    <message>
        <source>Reload the workspace from disk</source>
        <translation>从磁盘重新加载工作区</translation>
    </message>
    <message>
        <source>Sync with the team&apos;s remote: fetch, replay your commits, push</source>
        <translation>与团队的远程仓库同步：获取、重放您的提交、推送</translation>
    </message>
    <message>
        <source>Open another workspace</source>
        <translation>打开其他工作区</translation>
    </message>
    <message>
        <source>Preferences: who verifies, language, recovery, sync, source font</source>
        <translation>首选项：核实人、语言、恢复、同步、原文字体</translation>
    </message>
    <message>
        <source>Show this list of shortcuts</source>
        <translation>显示此快捷键列表</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Jump to pillar {number}: {name}</source>
        <translation>跳转到支柱 {number}：{name}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>SourceTab</name>
    <message>
        <source>Source text {name}</source>
        <translation>原文 {name}</translation>
    </message>
    <message>
        <source>Outline of {name}</source>
        <translation>{name} 的大纲</translation>
    </message>
    <message>
        <source>line {line}: {heading}</source>
        <translation>第 {line} 行：{heading}</translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message>
        <source>Find in source (Enter: next, Shift+Enter: previous)</source>
        <translation>在原文中查找（Enter：下一个，Shift+Enter：上一个）</translation>
    </message>
    <message>
        <source>Find in source</source>
        <translation>在原文中查找</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <source>Close find</source>
        <translation>关闭查找</translation>
    </message>
    <message>
        <source>Also add the selected text to the evidence</source>
        <translation>同时将选中文本加入证据</translation>
    </message>
    <message>
        <source>No record selected</source>
        <translation>未选择记录</translation>
    </message>
    <message>
        <source>No source texts in {folder} for this record: put the policy text there (File &gt; Attach source…) to check citations and cite by selecting.
URL: {url}</source>
        <translation>{folder} 中没有此记录的来源原文：请将政策原文放在那里（文件 &gt; 为此记录附加来源…），以便检查引用并通过选择文本进行引用。
网址：{url}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Record body</source>
        <translation>记录正文</translation>
    </message>
    <message>
        <source>Cite for {pillar}</source>
        <translation>引用到{pillar}</translation>
    </message>
    <message>
        <source>Add pillar…</source>
        <translation>添加支柱…</translation>
    </message>
    <message>
        <source>This record has no source texts to cite: attach the policy text first (File &gt; Attach source…)</source>
        <translation>此记录没有可引用的来源原文：请先附加政策原文（文件 &gt; 为此记录附加来源…）</translation>
    </message>
    <message>
        <source>Select the passage to cite in the source text first</source>
        <translation>请先在原文中选择要引用的段落</translation>
    </message>
    <message>
        <source>Select text under a heading: this passage comes before the document&apos;s first heading, so there is no section to cite</source>
        <translation>请选择某个标题下的文本：此段落位于文档第一个标题之前，没有可引用的章节</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <source>&apos;{text}&apos; not found</source>
        <translation>未找到“{text}”</translation>
    </message>
    <message>
        <source>{index} of {count}</source>
        <translation>第 {index} / {count} 处</translation>
    </message>
</context>
<context>
    <name>SyncButton</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Resolve conflicts…</source>
        <translation>解决冲突…</translation>
    </message>
    <message>
        <source>Abort the sync (put everything back)</source>
        <translation>中止同步（全部恢复原状）</translation>
    </message>
    <message>
        <source>Check the remote in the background</source>
        <translation>在后台检查远程仓库</translation>
    </message>
    <message>
        <source>Share each verify at once (push)</source>
        <translation>每次核实后立即共享（推送）</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync with the team&apos;s remote</source>
        <translation>与团队的远程仓库同步</translation>
    </message>
    <message numerus="yes">
        <source>{upstream}: %n commit(s) here to share, {behind} on the remote to receive (checked {checked}). Click to sync.</source>
        <translation>
            <numerusform>{upstream}：本地有 %n 个提交待共享，远程有 {behind} 个待接收（检查于 {checked}）。单击以同步。</numerusform>
        </translation>
    </message>
    <message>
        <source>Up to date with {upstream} (checked {checked}).</source>
        <translation>已与 {upstream} 同步（检查于 {checked}）。</translation>
    </message>
    <message>
        <source>Sync {marks}</source>
        <translation>同步 {marks}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Working with the remote; the window stays usable.</source>
        <translation>正在与远程仓库交互；窗口仍可使用。</translation>
    </message>
    <message numerus="yes">
        <source>Sync paused: %n conflict(s)</source>
        <translation>
            <numerusform>同步已暂停：%n 个冲突</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync paused</source>
        <translation>同步已暂停</translation>
    </message>
    <message>
        <source>A teammate changed the same fields: click to choose what each keeps, or abort the sync from the menu.</source>
        <translation>队友修改了相同的字段：单击为每个字段选择保留的值，或从菜单中止同步。</translation>
    </message>
</context>
<context>
    <name>SyncFlow</name>
    <message>
        <source>Sync ⚠</source>
        <translation>同步 ⚠</translation>
    </message>
    <message>
        <source>Checking the remote failed: {message}</source>
        <translation>检查远程仓库失败：{message}</translation>
    </message>
    <message>
        <source>Sync interrupted</source>
        <translation>同步被中断</translation>
    </message>
    <message>
        <source>A sync stopped half way (the app or the machine stopped): your commits are safe and your uncommitted edits are in git&apos;s stash. Click to finish it.</source>
        <translation>一次同步中途停止（应用或计算机停止运行）：您的提交是安全的，未提交的修改保存在 git 的 stash 中。单击以完成同步。</translation>
    </message>
    <message>
        <source>Sync: not set up</source>
        <translation>同步：未设置</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Aborting…</source>
        <translation>正在中止…</translation>
    </message>
    <message>
        <source>Sync paused</source>
        <translation>同步已暂停</translation>
    </message>
    <message>
        <source>The sync stopped: {reason}. Fix it, then sync again, or abort the sync from the Sync menu.</source>
        <translation>同步已停止：{reason}。请修正后再次同步，或从“同步”菜单中止同步。</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <source>Sync failed: {message}</source>
        <translation>同步失败：{message}</translation>
    </message>
    <message>
        <source>The sync is still paused: click Sync to resolve, or abort it from its menu</source>
        <translation>同步仍处于暂停状态：单击“同步”以解决，或从其菜单中止</translation>
    </message>
    <message>
        <source>Resolving…</source>
        <translation>正在解决…</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>撤销“{what}”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>重做“{what}”(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
</context>
<context>
    <name>UnsavedFlow</name>
    <message>
        <source>Discarded the unsaved edits of {record}</source>
        <translation>已放弃 {record} 的未保存修改</translation>
    </message>
    <message>
        <source>Unsaved edits found</source>
        <translation>发现未保存的修改</translation>
    </message>
    <message numerus="yes">
        <source>{record} has %n edit(s) that were never saved (kept at {time}; the app did not close normally).

Restore them on top of the file as it is now?</source>
        <translation>
            <numerusform>{record} 有 %n 处从未保存的修改（保留于 {time}；应用未正常关闭）。

要在文件当前内容的基础上恢复这些修改吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore my edits</source>
        <translation>恢复我的修改</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>放弃这些修改</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 还有 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore unsaved edits</source>
        <translation>恢复未保存的修改</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n unsaved edit(s); not saved yet</source>
        <translation>
            <numerusform>已恢复 %n 处未保存的修改；尚未保存</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message>
        <source>the open record has unsaved edits</source>
        <translation>打开的记录有未保存的修改</translation>
    </message>
    <message>
        <source>a verify or reopen is under way</source>
        <translation>核实或重新打开正在进行</translation>
    </message>
    <message>
        <source>a sync is under way</source>
        <translation>同步正在进行</translation>
    </message>
</context>
</TS>
