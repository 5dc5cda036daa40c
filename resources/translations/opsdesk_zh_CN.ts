<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ActionEditor</name>
        <message>
            <source>Edit action</source>
            <translation>编辑措施</translation>
        </message>
        <message>
            <source>New action</source>
            <translation>新建措施</translation>
        </message>
        <message>
            <source>What will be done</source>
            <translation>要做什么</translation>
        </message>
        <message>
            <source>Who does it</source>
            <translation>由谁执行</translation>
        </message>
        <message>
            <source>Set</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Done on</source>
            <translation>完成日期</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>可选</translation>
        </message>
        <message>
            <source>For</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>标题(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation>责任人(&amp;O)</translation>
        </message>
        <message>
            <source>Due &amp;date</source>
            <translation>截止日期(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Status</source>
            <translation>状态(&amp;S)</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>完成日期</translation>
        </message>
        <message>
            <source>&amp;Cost</source>
            <translation>费用(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Note</source>
            <translation>备注(&amp;N)</translation>
        </message>
    </context>
    <context>
        <name>ActionsPage</name>
        <message>
            <source>Actions</source>
            <translation>措施</translation>
        </message>
        <message>
            <source>&amp;New action…</source>
            <translation>新建措施(&amp;N)…</translation>
        </message>
        <message>
            <source>Add an action (Ctrl+N)</source>
            <translation>添加措施 (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>编辑(&amp;E)…</translation>
        </message>
        <message>
            <source>Edit the selected action (Enter, Ctrl+E)</source>
            <translation>编辑所选措施 (Enter, Ctrl+E)</translation>
        </message>
        <message>
            <source>&amp;Mark done</source>
            <translation>标记完成(&amp;M)</translation>
        </message>
        <message>
            <source>Mark the selected actions done today (Ctrl+D)</source>
            <translation>将所选措施标记为今天完成 (Ctrl+D)</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Archive the selected actions (Delete)</source>
            <translation>归档所选措施 (Delete)</translation>
        </message>
        <message>
            <source>Search title, source, owner, note…</source>
            <translation>搜索标题、来源、责任人、备注…</translation>
        </message>
        <message>
            <source>All owners</source>
            <translation>全部责任人</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <source>&amp;Overdue only</source>
            <translation>仅逾期(&amp;O)</translation>
        </message>
        <message>
            <source>O&amp;pen only</source>
            <translation>仅未完成(&amp;P)</translation>
        </message>
        <message>
            <source>Hide done and cancelled actions</source>
            <translation>隐藏已完成和已取消的措施</translation>
        </message>
        <message>
            <source>Show archived</source>
            <translation>显示已归档</translation>
        </message>
        <message>
            <source>Show all actions</source>
            <translation>显示全部措施</translation>
        </message>
        <message>
            <source>1 day</source>
            <translation>1 天</translation>
        </message>
        <message>
            <source>{n} days</source>
            <translation>{n} 天</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>措施</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>截止日期</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <source>Late by</source>
            <translation>逾期天数</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>完成日期</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>费用</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>{shown} of {total} actions · overdue: {overdue}</source>
            <translation>显示 {shown} / {total} 项措施 · 逾期：{overdue}</translation>
        </message>
        <message>
            <source>this risk</source>
            <translation>该风险</translation>
        </message>
        <message>
            <source>this nonconformity</source>
            <translation>该不合格项</translation>
        </message>
        <message>
            <source>this suggestion</source>
            <translation>该改进建议</translation>
        </message>
        <message>
            <source>this meeting</source>
            <translation>该会议</translation>
        </message>
        <message>
            <source>Only the actions of {what}</source>
            <translation>仅显示{what}的措施</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>{n} action(s) marked done.</source>
            <translation>已将 {n} 项措施标记为完成。</translation>
        </message>
        <message>
            <source>Archive the action “{title}”? You can restore it with “Show archived”.</source>
            <translation>归档措施“{title}”？可通过“显示已归档”恢复。</translation>
        </message>
        <message>
            <source>Archive {n} actions? You can restore them with “Show archived”.</source>
            <translation>归档 {n} 项措施？可通过“显示已归档”恢复。</translation>
        </message>
        <message>
            <source>Archive actions</source>
            <translation>归档措施</translation>
        </message>
    </context>
    <context>
        <name>AlertsPanel</name>
        <message>
            <source>Search message, indicator, risk…</source>
            <translation>搜索消息、指标、风险…</translation>
        </message>
        <message>
            <source>Open (not resolved)</source>
            <translation>未关闭（未解决）</translation>
        </message>
        <message>
            <source>All alerts</source>
            <translation>全部警报</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>已解决</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <source>Ac&amp;knowledge</source>
            <translation>确认(&amp;K)</translation>
        </message>
        <message>
            <source>Record that you have seen the selected alerts</source>
            <translation>记录您已查看所选警报</translation>
        </message>
        <message>
            <source>&amp;Resolve…</source>
            <translation>解决(&amp;R)…</translation>
        </message>
        <message>
            <source>Close the selected alerts, with an optional note</source>
            <translation>关闭所选警报，可附备注</translation>
        </message>
        <message>
            <source>Show &amp;indicator</source>
            <translation>显示指标(&amp;I)</translation>
        </message>
        <message>
            <source>Show the indicator or risk that raised the alert (Enter)</source>
            <translation>显示触发此警报的指标或风险 (Enter)</translation>
        </message>
        <message>
            <source>Raised on</source>
            <translation>触发日期</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重程度</translation>
        </message>
        <message>
            <source>Indicator / risk</source>
            <translation>指标 / 风险</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>消息</translation>
        </message>
        <message>
            <source>Back to normal on</source>
            <translation>恢复正常日期</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Resolution note</source>
            <translation>解决说明</translation>
        </message>
        <message>
            <source>{count} alerts selected.</source>
            <translation>已选择 {count} 条警报。</translation>
        </message>
        <message>
            <source>Select an alert to read its full message; Enter shows its indicator or risk.</source>
            <translation>选择一条警报以阅读完整消息；按 Enter 显示其指标或风险。</translation>
        </message>
        <message>
            <source>Back to normal since {date}.</source>
            <translation>自 {date} 起恢复正常。</translation>
        </message>
        <message>
            <source>Resolution note: {note}</source>
            <translation>解决说明：{note}</translation>
        </message>
        <message>
            <source>Resolve alerts</source>
            <translation>解决警报</translation>
        </message>
        <message>
            <source>Resolve alert</source>
            <translation>解决警报</translation>
        </message>
        <message>
            <source>What was done? (optional, kept with the alert)</source>
            <translation>采取了哪些措施？（可选，随警报保存）</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>Unexpected error</source>
            <translation>意外错误</translation>
        </message>
        <message>
            <source>OpsDesk ran into an unexpected problem: {error}

The details were written to {log}.</source>
            <translation>OpsDesk 遇到意外问题：{error}

详细信息已写入 {log}。</translation>
        </message>
        <message>
            <source>Cannot open the database</source>
            <translation>无法打开数据库</translation>
        </message>
        <message>
            <source>Cannot restore this file</source>
            <translation>无法恢复此文件</translation>
        </message>
        <message>
            <source>Register restored</source>
            <translation>登记册已恢复</translation>
        </message>
        <message>
            <source>The register was restored from {source}.
The file it replaced is kept as {kept}.</source>
            <translation>登记册已从 {source} 恢复。
被替换的文件保存为 {kept}。</translation>
        </message>
    </context>
    <context>
        <name>AssessmentPanel</name>
        <message>
            <source>optional, 0–100</source>
            <translation>可选，0–100</translation>
        </message>
        <message>
            <source>optional amount</source>
            <translation>可选金额</translation>
        </message>
        <message>
            <source>Why this assessment</source>
            <translation>评估理由</translation>
        </message>
        <message>
            <source>Likelihood</source>
            <translation>可能性</translation>
        </message>
        <message>
            <source>Impact</source>
            <translation>影响</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>分值</translation>
        </message>
        <message>
            <source>Probability %</source>
            <translation>概率 %</translation>
        </message>
        <message>
            <source>Financial impact</source>
            <translation>财务影响</translation>
        </message>
        <message>
            <source>Assessed on</source>
            <translation>评估日期</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>— Not assessed —</source>
            <translation>— 未评估 —</translation>
        </message>
        <message>
            <source>Current since {date}{who}. A change is recorded as a new assessment.</source>
            <translation>自 {date}{who} 起生效。修改将记录为一次新的评估。</translation>
        </message>
        <message>
            <source>Not assessed yet.</source>
            <translation>尚未评估。</translation>
        </message>
    </context>
    <context>
        <name>BaselineDialog</name>
        <message>
            <source>Freeze baseline</source>
            <translation>冻结基线</translation>
        </message>
        <message>
            <source>The control limits will be computed from the measured periods of the baseline only, so later points are judged against how the process ran then.</source>
            <translation>控制限仅根据基线内已测量的期间计算，之后的数据点将以当时的过程表现为准进行判断。</translation>
        </message>
        <message>
            <source>Freeze</source>
            <translation>冻结</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>&amp;First period:</source>
            <translation>起始期间(&amp;F)：</translation>
        </message>
        <message>
            <source>&amp;Last period:</source>
            <translation>结束期间(&amp;L)：</translation>
        </message>
        <message numerus="yes">
            <source>%n measured period(s)</source>
            <translation>
                <numerusform>已测量 %n 个期间</numerusform>
            </translation>
        </message>
        <message>
            <source>The last period comes before the first.</source>
            <translation>结束期间早于起始期间。</translation>
        </message>
        <message>
            <source>A baseline needs at least 2 measured periods.</source>
            <translation>基线至少需要 2 个已测量的期间。</translation>
        </message>
    </context>
    <context>
        <name>BulkEditDialog</name>
        <message>
            <source>Bulk edit risks</source>
            <translation>批量编辑风险</translation>
        </message>
        <message>
            <source>Apply to {count} risks</source>
            <translation>应用于 {count} 项风险</translation>
        </message>
        <message>
            <source>Change {count} selected risks: {codes}</source>
            <translation>修改所选的 {count} 项风险：{codes}</translation>
        </message>
        <message>
            <source>Only the ticked fields change; the others keep each risk's own value.</source>
            <translation>仅修改勾选的字段；其他字段保持各风险原有的值。</translation>
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation>责任人(&amp;O)</translation>
        </message>
        <message>
            <source>New owner (empty clears it)</source>
            <translation>新责任人（留空则清除）</translation>
        </message>
        <message>
            <source>&amp;Department</source>
            <translation>部门(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Category</source>
            <translation>类别(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Status</source>
            <translation>状态(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Next review</source>
            <translation>下次评审(&amp;N)</translation>
        </message>
    </context>
    <context>
        <name>ColumnsPage</name>
        <message>
            <source>2  Sheet and columns</source>
            <translation>2  工作表和列</translation>
        </message>
        <message>
            <source>Check the header row and choose what each column imports as.</source>
            <translation>核对表头行，并选择每列导入为哪个字段。</translation>
        </message>
        <message>
            <source>The row that names the columns</source>
            <translation>列名所在的行</translation>
        </message>
        <message>
            <source>&amp;Sheet:</source>
            <translation>工作表(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Header row:</source>
            <translation>表头行(&amp;H)：</translation>
        </message>
        <message>
            <source>The top of the sheet; the header row is shaded. Click a row to make it the header.</source>
            <translation>工作表的顶部；表头行以底纹标出。点击某一行可将其设为表头。</translation>
        </message>
        <message>
            <source>Columns: what each one imports as</source>
            <translation>列：每列导入为</translation>
        </message>
        <message>
            <source>Defaults for new risks</source>
            <translation>新风险的默认值</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>Use</source>
            <translation>使用</translation>
        </message>
        <message>
            <source>Used where a new risk's row leaves the field empty.</source>
            <translation>当新风险所在行该字段为空时使用。</translation>
        </message>
        <message>
            <source>Department:</source>
            <translation>部门：</translation>
        </message>
        <message>
            <source>Category:</source>
            <translation>类别：</translation>
        </message>
        <message>
            <source>Identified on:</source>
            <translation>识别日期：</translation>
        </message>
        <message>
            <source>Choose the sheet and its header row.</source>
            <translation>请选择工作表及其表头行。</translation>
        </message>
        <message>
            <source>Choose what at least one column imports as.</source>
            <translation>请至少为一列选择导入字段。</translation>
        </message>
        <message>
            <source>{field} is chosen for columns {letters}: each field comes from one column.</source>
            <translation>{letters} 列都选择了“{field}”：每个字段只能来自一列。</translation>
        </message>
        <message>
            <source>{rows} rows under the header in row {row}.</source>
            <translation>第 {row} 行表头下共 {rows} 行。</translation>
        </message>
        <message>
            <source>Choose the header row above to see the columns.</source>
            <translation>请在上方选择表头行以查看各列。</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>列</translation>
        </message>
        <message>
            <source>Header</source>
            <translation>表头</translation>
        </message>
        <message>
            <source>First value</source>
            <translation>首个值</translation>
        </message>
        <message>
            <source>Imports as</source>
            <translation>导入为</translation>
        </message>
        <message>
            <source>(no header)</source>
            <translation>（无表头）</translation>
        </message>
        <message>
            <source>— not imported —</source>
            <translation>— 不导入 —</translation>
        </message>
        <message>
            <source>Field of column {letter}</source>
            <translation>{letter} 列的字段</translation>
        </message>
        <message>
            <source>not imported (looks like {field})</source>
            <translation>不导入（看起来像“{field}”）</translation>
        </message>
        <message>
            <source>the department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>the category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>the identification date</source>
            <translation>识别日期</translation>
        </message>
        <message>
            <source>No column holds {fields}: new risks go to "Unassigned" and take the workbook's date, unless you choose here.</source>
            <translation>没有列给出{fields}：新风险归入“Unassigned”并使用工作簿的日期，除非在此处选择。</translation>
        </message>
    </context>
    <context>
        <name>ComplaintRateDialog</name>
        <message>
            <source>Feed complaint rate</source>
            <translation>录入投诉率</translation>
        </message>
        <message>
            <source>The complaints logged in the period become the numerator of the objective; give the denominator (e.g. orders delivered) for the same period.</source>
            <translation>该期间登记的投诉数作为目标的分子；请填写同一期间的分母（如交付订单数）。</translation>
        </message>
        <message>
            <source>&amp;Denominator:</source>
            <translation>分母(&amp;D)：</translation>
        </message>
        <message>
            <source>e.g. orders delivered</source>
            <translation>如交付订单数</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>&amp;Objective:</source>
            <translation>目标(&amp;O)：</translation>
        </message>
        <message>
            <source>&amp;Period:</source>
            <translation>期间(&amp;P)：</translation>
        </message>
        <message>
            <source>Denominator</source>
            <translation>分母</translation>
        </message>
        <message>
            <source>There is no ratio objective to feed; create a complaint-rate objective first.</source>
            <translation>没有可录入的比率型目标；请先创建投诉率目标。</translation>
        </message>
        <message>
            <source>Give the denominator for {period}.</source>
            <translation>请填写 {period} 的分母。</translation>
        </message>
        <message>
            <source>The denominator must be a number.</source>
            <translation>分母必须是数字。</translation>
        </message>
        <message numerus="yes">
            <source>%n complaint(s) logged in {period} will be recorded as the numerator.</source>
            <translation>
                <numerusform>{period} 登记的 %n 条投诉将记录为分子。</numerusform>
            </translation>
        </message>
        <message>
            <source>This replaces the recorded {numerator} / {denominator}.</source>
            <translation>这将替换已记录的 {numerator} / {denominator}。</translation>
        </message>
        <message>
            <source>{name}: {rate} (target {target} {unit}).</source>
            <translation>{name}：{rate}（目标 {target} {unit}）。</translation>
        </message>
        <message>
            <source>Complaint rate not recorded</source>
            <translation>投诉率未记录</translation>
        </message>
    </context>
    <context>
        <name>ConflictPanel</name>
        <message>
            <source>Use theirs…</source>
            <translation>使用他人版本…</translation>
        </message>
        <message>
            <source>Throw away your changes and show the risk as they saved it</source>
            <translation>放弃您的更改，显示他人保存的风险</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>保留我的版本</translation>
        </message>
        <message>
            <source>Keep your input; the next Save replaces their changes (they are marked in the form)</source>
            <translation>保留您的输入；下次保存将覆盖他人的更改（已在表单中标出）</translation>
        </message>
        <message>
            <source>Merge</source>
            <translation>合并</translation>
        </message>
        <message>
            <source>Take the fields only they changed, keep the ones only you changed, and pick where you both did</source>
            <translation>采用仅他人修改的字段，保留仅您修改的字段，双方都修改的字段由您选择</translation>
        </message>
        <message>
            <source>Orange rows: you both changed {fields}. Pick theirs or yours in the last column.</source>
            <translation>橙色行：双方都修改了{fields}。请在最后一列选择他人的或您的值。</translation>
        </message>
        <message>
            <source>No field was changed on both sides: Merge keeps every change.</source>
            <translation>没有双方都修改的字段：合并将保留所有更改。</translation>
        </message>
    </context>
    <context>
        <name>ConflictView</name>
        <message>
            <source>someone else</source>
            <translation>其他人</translation>
        </message>
        <message>
            <source>{user} at {time}</source>
            <translation>{user}（{time}）</translation>
        </message>
        <message>
            <source>{first} and {last}</source>
            <translation>{first}和{last}</translation>
        </message>
        <message>
            <source>{users}, last at {time}</source>
            <translation>{users}，最近一次于 {time}</translation>
        </message>
        <message>
            <source>Their save changed nothing this form shows (for example only the history or an archive flag).</source>
            <translation>他人的保存未改变此表单显示的任何内容（例如只改变了历史记录或归档标记）。</translation>
        </message>
        <message>
            <source>Their change, saved by
{saver}</source>
            <translation>他人的更改，保存人
{saver}</translation>
        </message>
        <message>
            <source>Their change</source>
            <translation>他人的更改</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>字段</translation>
        </message>
        <message>
            <source>When you opened it</source>
            <translation>您打开时</translation>
        </message>
        <message>
            <source>Your change</source>
            <translation>您的更改</translation>
        </message>
        <message>
            <source>Merge keeps</source>
            <translation>合并结果</translation>
        </message>
        <message>
            <source>(unchanged)</source>
            <translation>（未更改）</translation>
        </message>
        <message>
            <source>Saved by {user} at {time}</source>
            <translation>由 {user} 于 {time} 保存</translation>
        </message>
        <message>
            <source>by {user}</source>
            <translation>由 {user}</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>（空）</translation>
        </message>
        <message>
            <source>Theirs</source>
            <translation>他人的</translation>
        </message>
        <message>
            <source>Yours</source>
            <translation>您的</translation>
        </message>
        <message>
            <source>Take their value for {field}</source>
            <translation>采用他人的{field}值</translation>
        </message>
        <message>
            <source>Keep your value for {field}</source>
            <translation>保留您的{field}值</translation>
        </message>
    </context>
    <context>
        <name>ConnectDialog</name>
        <message>
            <source>Connect to server</source>
            <extracomment>libpq's own default: encrypted when the server offers it, else not tries to open the register; returns why it failed ("" or None when it opened)</extracomment>
            <translation>连接服务器</translation>
        </message>
        <message>
            <source>Open a register kept on a PostgreSQL server, shared by your team.</source>
            <translation>打开保存在 PostgreSQL 服务器上、与团队共享的登记册。</translation>
        </message>
        <message>
            <source>for example opsdesk</source>
            <translation>例如 opsdesk</translation>
        </message>
        <message>
            <source>empty: the saved one, if any</source>
            <translation>留空：使用已保存的密码（如有）</translation>
        </message>
        <message>
            <source>Remember the password in the system keyring</source>
            <translation>在系统密钥环中记住密码</translation>
        </message>
        <message>
            <source>When the server offers it</source>
            <translation>服务器支持时加密</translation>
        </message>
        <message>
            <source>Always (the server is not verified)</source>
            <translation>始终加密（不验证服务器）</translation>
        </message>
        <message>
            <source>Always, and verify the server's certificate</source>
            <translation>始终加密，并验证服务器证书</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>从不加密</translation>
        </message>
        <message>
            <source>&amp;Host:</source>
            <translation>主机(&amp;H)：</translation>
        </message>
        <message>
            <source>&amp;Port:</source>
            <translation>端口(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Database:</source>
            <translation>数据库(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>用户名(&amp;U)：</translation>
        </message>
        <message>
            <source>Pass&amp;word:</source>
            <translation>密码(&amp;W)：</translation>
        </message>
        <message>
            <source>&amp;Encryption:</source>
            <translation>加密(&amp;E)：</translation>
        </message>
        <message>
            <source>&amp;Connect</source>
            <translation>连接(&amp;C)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>The register open now is connected encrypted ({tls}).</source>
            <translation>当前打开的登记册连接已加密（{tls}）。</translation>
        </message>
        <message>
            <source>The register open now is connected without encryption: others on the network between you and the server could read what it sends.</source>
            <translation>当前打开的登记册连接未加密：您与服务器之间网络上的其他人可以读取传输的内容。</translation>
        </message>
        <message>
            <source>Encrypted if the server offers it, else not: the window then says so.</source>
            <translation>服务器支持时加密，否则不加密：窗口会显示实际情况。</translation>
        </message>
        <message>
            <source>Encrypted, or not connected at all.</source>
            <translation>必须加密，否则不连接。</translation>
        </message>
        <message>
            <source>Encrypted, and only to the server its certificate names (the certificate authority must be installed on this computer).</source>
            <translation>加密，且只连接证书所指明的服务器（本机须安装相应的证书颁发机构）。</translation>
        </message>
        <message>
            <source>Not encrypted: use this only on a network you trust.</source>
            <translation>不加密：仅在可信网络中使用。</translation>
        </message>
        <message>
            <source>Register: {url}</source>
            <translation>登记册：{url}</translation>
        </message>
        <message>
            <source>Give the database and your user name.</source>
            <translation>请填写数据库和您的用户名。</translation>
        </message>
    </context>
    <context>
        <name>ControlChartPanel</name>
        <message>
            <source>Freeze baseline…</source>
            <translation>冻结基线…</translation>
        </message>
        <message>
            <source>Compute the limits from chosen periods only</source>
            <translation>仅根据所选期间计算控制限</translation>
        </message>
        <message>
            <source>Unfreeze</source>
            <translation>解冻</translation>
        </message>
        <message>
            <source>Compute the limits from every measured period again</source>
            <translation>重新根据所有已测量期间计算控制限</translation>
        </message>
        <message>
            <source>Rule violations</source>
            <translation>判异规则违反</translation>
        </message>
        <message>
            <source>Over-dispersion, σz = {sigma_z}: the periods vary {sigma_z} times more than their samples explain, so the {chart} limits flag ordinary variation. {laney} widens them by σz.</source>
            <translation>过度离散，σz = {sigma_z}：期间之间的波动是样本所能解释的 {sigma_z} 倍，{chart} 会把普通波动误判为异常。{laney} 按 σz 放宽控制限。</translation>
        </message>
        <message>
            <source>p-chart: limits at 3 sigma around the pooled proportion, wider where a period's sample is smaller.</source>
            <translation>p 控制图：控制限为合并比例 ± 3 sigma，期间样本越小控制限越宽。</translation>
        </message>
        <message>
            <source>p-chart</source>
            <translation>p 控制图</translation>
        </message>
        <message>
            <source>Laney p′</source>
            <translation>Laney p′ 控制图</translation>
        </message>
        <message>
            <source>u-chart</source>
            <translation>u 控制图</translation>
        </message>
        <message>
            <source>Laney u′</source>
            <translation>Laney u′ 控制图</translation>
        </message>
        <message>
            <source>c-chart</source>
            <translation>c 控制图</translation>
        </message>
        <message>
            <source>XmR</source>
            <translation>XmR 控制图</translation>
        </message>
        <message>
            <source>Western Electric (4 rules)</source>
            <translation>西电规则（4 条）</translation>
        </message>
        <message>
            <source>Nelson (8 rules)</source>
            <translation>Nelson 规则（8 条）</translation>
        </message>
        <message>
            <source>{first} – {last} ({count} periods)</source>
            <translation>{first} – {last}（{count} 个期间）</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} above the upper control limit, more than 3 sigma from the centre line.</source>
            <translation>规则 {rule}：{points} 高于控制上限，距中心线超过 3 sigma。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} below the lower control limit, more than 3 sigma from the centre line.</source>
            <translation>规则 {rule}：{points} 低于控制下限，距中心线超过 3 sigma。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} more than 2 sigma above the centre line, two of three points in a row.</source>
            <translation>规则 {rule}：{points} 高于中心线 2 sigma 以上，连续 3 点中有 2 点。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} more than 2 sigma below the centre line, two of three points in a row.</source>
            <translation>规则 {rule}：{points} 低于中心线 2 sigma 以上，连续 3 点中有 2 点。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} more than 1 sigma above the centre line, four of five points in a row.</source>
            <translation>规则 {rule}：{points} 高于中心线 1 sigma 以上，连续 5 点中有 4 点。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} more than 1 sigma below the centre line, four of five points in a row.</source>
            <translation>规则 {rule}：{points} 低于中心线 1 sigma 以上，连续 5 点中有 4 点。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} all above the centre line, {count} in a row: the level has shifted.</source>
            <translation>规则 {rule}：{points} 全部位于中心线上方，连续 {count} 点：水平已发生偏移。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} all below the centre line, {count} in a row: the level has shifted.</source>
            <translation>规则 {rule}：{points} 全部位于中心线下方，连续 {count} 点：水平已发生偏移。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} rise steadily, {count} in a row: a trend.</source>
            <translation>规则 {rule}：{points} 连续 {count} 点持续上升：存在趋势。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} fall steadily, {count} in a row: a trend.</source>
            <translation>规则 {rule}：{points} 连续 {count} 点持续下降：存在趋势。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} alternate up and down, {count} in a row: two sources take turns (shifts, machines, suppliers).</source>
            <translation>规则 {rule}：{points} 连续 {count} 点上下交替：两个来源轮流作用（班次、机器、供应商）。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} all within 1 sigma of the centre line, {count} in a row: less variation than the limits assume (mixed or stratified data).</source>
            <translation>规则 {rule}：{points} 连续 {count} 点全部在中心线 1 sigma 以内：波动小于控制限的假设（数据可能混合或分层）。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points} all more than 1 sigma from the centre line on both sides, {count} in a row: a mixture of two processes.</source>
            <translation>规则 {rule}：{points} 连续 {count} 点全部在中心线两侧 1 sigma 以外：两个过程混合。</translation>
        </message>
        <message>
            <source>Rule {rule}: {points}.</source>
            <translation>规则 {rule}：{points}。</translation>
        </message>
        <message>
            <source>&amp;Chart:</source>
            <extracomment>(chart type code, rule set code) chosen for the objective a chart type to show beside the objective's own ("" for none)</extracomment>
            <translation>控制图(&amp;C)：</translation>
        </message>
        <message>
            <source>The control chart of this objective, kept for everyone</source>
            <translation>此目标使用的控制图，对所有用户保存</translation>
        </message>
        <message>
            <source>&amp;Rules:</source>
            <translation>判异规则(&amp;R)：</translation>
        </message>
        <message>
            <source>The run rules that flag out-of-control points on this objective</source>
            <translation>用于标记此目标失控点的判异规则</translation>
        </message>
        <message>
            <source>C&amp;ompare with:</source>
            <translation>对比(&amp;O)：</translation>
        </message>
        <message>
            <source>Show another chart of the same data beside it, on the same scale</source>
            <translation>在旁边以相同刻度显示同一数据的另一种控制图</translation>
        </message>
        <message>
            <source>Compare side by side</source>
            <translation>并排对比</translation>
        </message>
        <message>
            <source>Freeze as of today</source>
            <translation>冻结至今日</translation>
        </message>
        <message>
            <source>Compute the limits from every period measured up to today; later periods are judged by them</source>
            <translation>根据截至今日的所有已测量期间计算控制限；之后的期间据此判断</translation>
        </message>
        <message>
            <source>Automatic ({chart})</source>
            <translation>自动（{chart}）</translation>
        </message>
        <message>
            <source>Nothing</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Use {laney}</source>
            <translation>使用 {laney}</translation>
        </message>
        <message>
            <source>u-chart: limits at 3 sigma around the pooled rate per unit counted, wider where a period's count of units is smaller.</source>
            <translation>u 控制图：控制限为合并单位缺陷率 ± 3 sigma，期间单位数越少控制限越宽。</translation>
        </message>
        <message>
            <source>Laney p′ chart: the p-chart's limits widened by σz = {sigma_z}, the spread between periods measured by the moving ranges of their z-scores.</source>
            <translation>Laney p′ 控制图：将 p 控制图的控制限按 σz = {sigma_z} 放宽，σz 为各期间 z 值移动极差所度量的期间间波动。</translation>
        </message>
        <message>
            <source>Laney u′ chart: the u-chart's limits widened by σz = {sigma_z}, the spread between periods measured by the moving ranges of their z-scores.</source>
            <translation>Laney u′ 控制图：将 u 控制图的控制限按 σz = {sigma_z} 放宽，σz 为各期间 z 值移动极差所度量的期间间波动。</translation>
        </message>
        <message>
            <source>c-chart: counts over the same area of opportunity each period; limits at c̄ ± 3√c̄.</source>
            <translation>c 控制图：每个期间在相同机会范围内的计数；控制限为 c̄ ± 3√c̄。</translation>
        </message>
        <message>
            <source>XmR chart: limits at 3 sigma around the mean, sigma from the average moving range. Below it, the moving-range chart: the jump from each period to the next, upper limit 3.267 × the average.</source>
            <translation>XmR 控制图：控制限为均值 ± 3 sigma，sigma 由平均移动极差估算。下方为移动极差图：相邻期间之间的跳变，上限为平均移动极差的 3.267 倍。</translation>
        </message>
        <message>
            <source>σz = {sigma_z}: the sample sizes explain the variation between periods.</source>
            <translation>σz = {sigma_z}：样本量足以解释期间之间的波动。</translation>
        </message>
        <message>
            <source>The chosen {chart} needs whole counts of 0 or more, and a value is not one: the XmR chart is shown.</source>
            <translation>所选的 {chart} 需要大于等于 0 的整数计数，而有一个数值不是：因此显示 XmR 控制图。</translation>
        </message>
        <message>
            <source>Rule violations — {rules}</source>
            <translation>判异规则违反 — {rules}</translation>
        </message>
        <message>
            <source>Moving range: {points} jumped from the period before by more than the upper range limit ({limit}).</source>
            <translation>移动极差：{points} 与上一期间相比的跳变超过了极差上限（{limit}）。</translation>
        </message>
        <message>
            <source>No rule is broken: the process is in statistical control.</source>
            <translation>未违反任何规则：过程处于统计受控状态。</translation>
        </message>
        <message>
            <source>Rules are checked once there are control limits.</source>
            <translation>有了控制限后才会检查判异规则。</translation>
        </message>
        <message>
            <source>Baseline: every measured period (not frozen).</source>
            <translation>基线：所有已测量期间（未冻结）。</translation>
        </message>
        <message>
            <source>Baseline {first} – {last}</source>
            <translation>基线 {first} – {last}</translation>
        </message>
        <message>
            <source>, frozen on {day}</source>
            <translation>，于 {day} 冻结</translation>
        </message>
        <message>
            <source> by {user}</source>
            <translation>，操作人 {user}</translation>
        </message>
        <message>
            <source>Change baseline…</source>
            <translation>更改基线…</translation>
        </message>
        <message>
            <source>Actual</source>
            <translation>实际值</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>目标值</translation>
        </message>
        <message>
            <source>Centre line</source>
            <translation>中心线</translation>
        </message>
        <message>
            <source>Control limits</source>
            <translation>控制限</translation>
        </message>
        <message>
            <source>Rule broken</source>
            <translation>违反规则</translation>
        </message>
        <message>
            <source>Baseline</source>
            <translation>基线</translation>
        </message>
        <message>
            <source>Moving range</source>
            <translation>移动极差</translation>
        </message>
        <message>
            <source>Average moving range</source>
            <translation>平均移动极差</translation>
        </message>
        <message>
            <source>Upper range limit</source>
            <translation>极差上限</translation>
        </message>
        <message>
            <source>Jump beyond the range limit</source>
            <translation>超出极差上限的跳变</translation>
        </message>
        <message>
            <source>UCL</source>
            <translation>上控制限</translation>
        </message>
        <message>
            <source>CL</source>
            <translation>中心线</translation>
        </message>
        <message>
            <source>LCL</source>
            <translation>下控制限</translation>
        </message>
        <message>
            <source>XmR: individuals and moving range</source>
            <translation>XmR：单值与移动极差</translation>
        </message>
        <message>
            <source>{chart}, σz = {sigma_z}</source>
            <translation>{chart}，σz = {sigma_z}</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Double-click or press Enter to open the risk</source>
            <extracomment>how long the small heatmap waits for the numbers to paint; a page not on screen gets no paint</extracomment>
            <translation>双击或按 Enter 打开风险</translation>
        </message>
        <message>
            <source>Top 10 risks by residual score</source>
            <translation>剩余风险分值前 10 位</translation>
        </message>
        <message>
            <source>Click a cell to see its risks on the Heatmap page</source>
            <translation>点击单元格可在热力图页面查看其中的风险</translation>
        </message>
        <message>
            <source>Open heatmap</source>
            <translation>打开热力图</translation>
        </message>
        <message>
            <source>Residual heatmap</source>
            <translation>剩余风险热力图</translation>
        </message>
        <message>
            <source>RISKS</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>QUALITY</source>
            <translation>质量</translation>
        </message>
        <message>
            <source>Open the risks at this residual level</source>
            <translation>打开此剩余风险等级的风险</translation>
        </message>
        <message>
            <source>Residual level: {level}</source>
            <translation>剩余风险等级：{level}</translation>
        </message>
        <message>
            <source>active risks</source>
            <translation>项活动风险</translation>
        </message>
        <message>
            <source>Above appetite</source>
            <translation>超出风险偏好</translation>
        </message>
        <message>
            <source>residual level</source>
            <translation>剩余风险等级</translation>
        </message>
        <message>
            <source>Open the risks whose residual level is above the risk appetite</source>
            <translation>打开剩余风险等级超出风险偏好的风险</translation>
        </message>
        <message>
            <source>Open alerts</source>
            <translation>未关闭警报</translation>
        </message>
        <message>
            <source>not resolved</source>
            <translation>未解决</translation>
        </message>
        <message>
            <source>Open the alerts that are open or acknowledged</source>
            <translation>打开未处理或已确认的警报</translation>
        </message>
        <message>
            <source>Overdue actions</source>
            <translation>逾期措施</translation>
        </message>
        <message>
            <source>past their due date</source>
            <translation>已过截止日期</translation>
        </message>
        <message>
            <source>Open the overdue actions</source>
            <translation>打开逾期措施</translation>
        </message>
        <message>
            <source>Due for review</source>
            <translation>待评审</translation>
        </message>
        <message>
            <source>risks</source>
            <translation>项风险</translation>
        </message>
        <message>
            <source>Open the risks whose review date has come</source>
            <translation>打开已到评审日期的风险</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>未分配</translation>
        </message>
        <message>
            <source>no department or category</source>
            <translation>无部门或类别</translation>
        </message>
        <message>
            <source>Open the risks an import left in the “Unassigned” department or category; select them and give them theirs with Bulk edit</source>
            <translation>打开导入后留在“Unassigned”部门或类别中的风险；选中它们，用“批量编辑”为它们指定部门和类别</translation>
        </message>
        <message>
            <source>Quality objectives, last period</source>
            <translation>质量目标（上一期间）</translation>
        </message>
        <message>
            <source>Open the objectives that missed their target</source>
            <translation>打开未达成的质量目标</translation>
        </message>
        <message>
            <source>objectives missed</source>
            <translation>未达成的目标</translation>
        </message>
        <message>
            <source>Open the objectives at risk</source>
            <translation>打开有风险的质量目标</translation>
        </message>
        <message>
            <source>objectives at risk</source>
            <translation>有风险的目标</translation>
        </message>
        <message>
            <source>Open nonconformities</source>
            <translation>未关闭不合格项</translation>
        </message>
        <message>
            <source>Open the open nonconformities of this severity</source>
            <translation>打开此严重程度的未关闭不合格项</translation>
        </message>
        <message>
            <source>open, {severity}</source>
            <translation>未关闭，{severity}</translation>
        </message>
        <message>
            <source>Overdue corrective actions</source>
            <translation>逾期纠正措施</translation>
        </message>
        <message>
            <source>Open the overdue corrective and preventive actions</source>
            <translation>打开逾期的纠正措施和预防措施</translation>
        </message>
        <message>
            <source>of nonconformities</source>
            <translation>不合格项相关</translation>
        </message>
        <message>
            <source>Suggestions waiting for review</source>
            <translation>待评审的改进建议</translation>
        </message>
        <message>
            <source>Open the suggestions submitted or under review</source>
            <translation>打开已提交或评审中的改进建议</translation>
        </message>
        <message>
            <source>waiting for review</source>
            <translation>等待评审</translation>
        </message>
        <message>
            <source>submitted or under review</source>
            <translation>已提交或评审中</translation>
        </message>
        <message>
            <source>No residual assessment yet: the inherent score is shown.</source>
            <translation>尚无剩余风险评估：显示固有风险分值。</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>分值</translation>
        </message>
        <message>
            <source>Residual level</source>
            <translation>剩余风险等级</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>仪表板</translation>
        </message>
        <message>
            <source>No quality policy yet. Write it, with the date it was approved, in Settings › Quality policy.</source>
            <translation>尚未制定质量方针。请在“设置 › 质量方针”中填写，并注明批准日期。</translation>
        </message>
        <message>
            <source>Quality policy (approved {date}):</source>
            <translation>质量方针（{date} 批准）：</translation>
        </message>
        <message>
            <source>Quality policy (approval date not recorded):</source>
            <translation>质量方针（未记录批准日期）：</translation>
        </message>
        <message>
            <source>Likelihood</source>
            <translation>可能性</translation>
        </message>
        <message>
            <source>Impact</source>
            <translation>影响</translation>
        </message>
    </context>
    <context>
        <name>DecisionActionDialog</name>
        <message>
            <source>Create action from decision</source>
            <translation>根据决议创建措施</translation>
        </message>
        <message>
            <source>Create action</source>
            <translation>创建措施</translation>
        </message>
        <message>
            <source>Decided at “{title}” on {day}</source>
            <translation>于 {day} 在“{title}”上决定</translation>
        </message>
        <message>
            <source>Who carries it out</source>
            <translation>由谁执行</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>截止日期</translation>
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation>责任人(&amp;O)</translation>
        </message>
        <message>
            <source>Due &amp;date</source>
            <translation>截止日期(&amp;D)</translation>
        </message>
        <message>
            <source>The decisions of this meeting were changed meanwhile; reopen the meeting and try again.</source>
            <translation>此会议的决议已被他人修改；请重新打开会议后再试。</translation>
        </message>
    </context>
    <context>
        <name>EditorDialog</name>
        <message>
            <source>Save</source>
            <extracomment>set by each subclass: the open register, whose signed-in role may be a viewer</extracomment>
            <translation>保存</translation>
        </message>
        <message>
            <source>Save and close (Ctrl+S)</source>
            <translation>保存并关闭 (Ctrl+S)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>This register is open read-only: nothing can be saved here.</source>
            <translation>此登记册以只读方式打开：这里的内容无法保存。</translation>
        </message>
        <message>
            <source>…and {count} more.</source>
            <translation>…另有 {count} 项。</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
    </context>
    <context>
        <name>FeedbackEditor</name>
        <message>
            <source>Edit feedback</source>
            <translation>编辑客户反馈</translation>
        </message>
        <message>
            <source>New customer feedback</source>
            <translation>新建客户反馈</translation>
        </message>
        <message>
            <source>Company or person</source>
            <translation>公司或个人</translation>
        </message>
        <message>
            <source>Product or service concerned</source>
            <translation>涉及的产品或服务</translation>
        </message>
        <message>
            <source>This is a &amp;complaint</source>
            <translation>这是一条投诉(&amp;C)</translation>
        </message>
        <message>
            <source>No rating</source>
            <translation>无评分</translation>
        </message>
        <message>
            <source>hours to first answer</source>
            <translation>首次答复所用小时数</translation>
        </message>
        <message>
            <source>(no nonconformity)</source>
            <translation>（无不合格项）</translation>
        </message>
        <message>
            <source>What the customer said</source>
            <translation>客户反馈内容</translation>
        </message>
        <message>
            <source>&amp;Received on:</source>
            <translation>接收日期(&amp;R)：</translation>
        </message>
        <message>
            <source>C&amp;hannel:</source>
            <translation>渠道(&amp;H)：</translation>
        </message>
        <message>
            <source>C&amp;ustomer:</source>
            <translation>客户(&amp;U)：</translation>
        </message>
        <message>
            <source>&amp;Product:</source>
            <translation>产品(&amp;P)：</translation>
        </message>
        <message>
            <source>R&amp;ating:</source>
            <translation>评分(&amp;A)：</translation>
        </message>
        <message>
            <source>Response &amp;time (h):</source>
            <translation>响应时间（小时）(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Nonconformity:</source>
            <translation>不合格项(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Description:</source>
            <translation>描述(&amp;D)：</translation>
        </message>
    </context>
    <context>
        <name>FeedbackPage</name>
        <message>
            <source>Customer feedback</source>
            <translation>客户反馈</translation>
        </message>
        <message>
            <source>New feedback…</source>
            <translation>新建反馈…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Feed complaint rate…</source>
            <translation>录入投诉率…</translation>
        </message>
        <message>
            <source>Record the complaints of a period as the numerator of a complaint-rate objective</source>
            <translation>将某一期间的投诉数记录为投诉率目标的分子</translation>
        </message>
        <message>
            <source>Search customer, product, description, NC…</source>
            <translation>搜索客户、产品、描述、不合格项…</translation>
        </message>
        <message>
            <source>Complaints only</source>
            <translation>仅投诉</translation>
        </message>
        <message>
            <source>All channels</source>
            <translation>全部渠道</translation>
        </message>
        <message>
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Show archived</source>
            <translation>显示已归档</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>接收日期</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>产品</translation>
        </message>
        <message>
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
        <message>
            <source>Rating</source>
            <translation>评分</translation>
        </message>
        <message>
            <source>{n} of 5</source>
            <translation>{n} / 5</translation>
        </message>
        <message>
            <source>Response (h)</source>
            <translation>响应（小时）</translation>
        </message>
        <message>
            <source>Linked NC</source>
            <translation>关联不合格项</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message numerus="yes">
            <source>%n entries</source>
            <translation>
                <numerusform>%n 条记录</numerusform>
            </translation>
        </message>
        <message>
            <source>{shown} of {total}</source>
            <translation>{shown} / {total}</translation>
        </message>
        <message numerus="yes">
            <source>%n complaint(s) shown</source>
            <translation>
                <numerusform>显示 %n 条投诉</numerusform>
            </translation>
        </message>
        <message>
            <source>average rating {rating:.1f} of 5</source>
            <translation>平均评分 {rating:.1f} / 5</translation>
        </message>
        <message>
            <source>average response {hours:.1f} h</source>
            <translation>平均响应 {hours:.1f} 小时</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Restore the feedback from {who}?</source>
            <translation>恢复来自 {who} 的反馈？</translation>
        </message>
        <message>
            <source>Archive the feedback from {who} ({day})? It leaves the log and no longer counts as a complaint; it can be restored.</source>
            <translation>归档来自 {who} 的反馈（{day}）？它将移出记录，不再计为投诉；之后可以恢复。</translation>
        </message>
        <message>
            <source>Complaint rate recorded</source>
            <translation>投诉率已记录</translation>
        </message>
        <message>
            <source>{period}: {numerator} / {denominator} = {rate} ({status}).</source>
            <translation>{period}：{numerator} / {denominator} = {rate}（{status}）。</translation>
        </message>
    </context>
    <context>
        <name>FieldInput</name>
        <message>
            <source>Set</source>
            <translation>设置</translation>
        </message>
    </context>
    <context>
        <name>FilePage</name>
        <message>
            <source>1  Choose the workbook</source>
            <translation>1  选择工作簿</translation>
        </message>
        <message>
            <source>Choose the Excel workbook to import and what its sheet holds.</source>
            <translation>选择要导入的 Excel 工作簿，以及其工作表所含的内容。</translation>
        </message>
        <message>
            <source>The Excel workbook (.xlsx)</source>
            <translation>Excel 工作簿 (.xlsx)</translation>
        </message>
        <message>
            <source>&amp;Choose…</source>
            <translation>选择(&amp;C)…</translation>
        </message>
        <message>
            <source>&amp;Workbook:</source>
            <translation>工作簿(&amp;W)：</translation>
        </message>
        <message>
            <source>The sheet holds:</source>
            <translation>工作表内容：</translation>
        </message>
        <message>
            <source>Any Excel workbook (.xlsx) of up to 50 MB. OpsDesk finds the sheet and its header row (a title above the header is fine), reads the values of formulas as Excel last saved them, and lets you match every column to a field before anything is written.</source>
            <translation>可导入不超过 50 MB 的任何 Excel 工作簿 (.xlsx)。OpsDesk 会自动找到工作表及其表头行（表头上方可以有标题），按 Excel 最后保存的结果读取公式的值，并在写入任何数据之前让您将每一列对应到字段。</translation>
        </message>
        <message>
            <source>Save a copy of the import template…</source>
            <translation>保存一份导入模板…</translation>
        </message>
        <message>
            <source>Choose the workbook to import.</source>
            <translation>请选择要导入的工作簿。</translation>
        </message>
        <message>
            <source>Rows with an OpsDesk risk code (R-0012) update that risk; the other rows create risks.</source>
            <translation>带有 OpsDesk 风险编号（如 R-0012）的行将更新该风险；其他行将新建风险。</translation>
        </message>
        <message>
            <source>One reading per row: the indicator (its name), the date and the value.</source>
            <translation>每行一个读数：指标（名称）、日期和数值。</translation>
        </message>
        <message>
            <source>One row per objective and period, with its value or its numerator and denominator.</source>
            <translation>每个目标和期间一行，填写数值或分子和分母。</translation>
        </message>
        <message>
            <source>Choose the workbook to import</source>
            <translation>选择要导入的工作簿</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx *.xlsm);;All files (*)</source>
            <translation>Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Template saved to {path}.</source>
            <translation>模板已保存到 {path}。</translation>
        </message>
    </context>
    <context>
        <name>FilterChip</name>
        <message>
            <source>✕ Show all</source>
            <translation>✕ 显示全部</translation>
        </message>
        <message>
            <source>Clear this filter and show the whole list</source>
            <translation>清除此筛选并显示完整列表</translation>
        </message>
        <message>
            <source>Filtered: {name}</source>
            <translation>已筛选：{name}</translation>
        </message>
    </context>
    <context>
        <name>HeatmapPage</name>
        <message>
            <source>Heatmap</source>
            <translation>热力图</translation>
        </message>
        <message>
            <source>Show only the risks of one department</source>
            <translation>仅显示某一部门的风险</translation>
        </message>
        <message>
            <source>Show only the risks of one category</source>
            <translation>仅显示某一类别的风险</translation>
        </message>
        <message>
            <source>Click a cell to list its risks; double-click a risk to open it.</source>
            <translation>点击单元格列出其中的风险；双击风险将其打开。</translation>
        </message>
        <message>
            <source>Department:</source>
            <translation>部门：</translation>
        </message>
        <message>
            <source>Category:</source>
            <translation>类别：</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Inherent level</source>
            <translation>固有风险等级</translation>
        </message>
        <message>
            <source>Residual score</source>
            <translation>剩余风险分值</translation>
        </message>
        <message>
            <source>Residual level</source>
            <translation>剩余风险等级</translation>
        </message>
        <message>
            <source>All departments</source>
            <translation>全部部门</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <source>Likelihood</source>
            <translation>可能性</translation>
        </message>
        <message>
            <source>Impact</source>
            <translation>影响</translation>
        </message>
        <message>
            <source>No active risks match these filters.</source>
            <translation>没有符合这些筛选条件的活动风险。</translation>
        </message>
        <message>
            <source>1 risk</source>
            <translation>1 项风险</translation>
        </message>
        <message>
            <source>{count} risks</source>
            <translation>{count} 项风险</translation>
        </message>
        <message>
            <source>{kind} · {likelihood} × {impact}: {count}</source>
            <translation>{kind} · {likelihood} × {impact}：{count}</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>Risks</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>KRI readings</source>
            <translation>关键风险指标读数</translation>
        </message>
        <message>
            <source>Objective measurements</source>
            <translation>目标测量值</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Create</source>
            <translation>新建</translation>
        </message>
        <message>
            <source>Update</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>Unchanged</source>
            <translation>未更改</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>Save the import template</source>
            <translation>保存导入模板</translation>
        </message>
        <message>
            <source>OpsDesk import template.xlsx</source>
            <translation>OpsDesk 导入模板.xlsx</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Import template</source>
            <translation>导入模板</translation>
        </message>
        <message>
            <source>Could not write {path}: {reason}.</source>
            <translation>无法写入 {path}：{reason}。</translation>
        </message>
        <message>
            <source>The workbook could not be read: {reason}.</source>
            <translation>无法读取工作簿：{reason}。</translation>
        </message>
        <message>
            <source>Something went wrong: {error}</source>
            <translation>出现问题：{error}</translation>
        </message>
        <message>
            <source>Import from Excel</source>
            <translation>从 Excel 导入</translation>
        </message>
        <message>
            <source>&lt; &amp;Back</source>
            <translation>&lt; 上一步(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Next &gt;</source>
            <translation>下一步(&amp;N) &gt;</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Write every row, all or nothing</source>
            <translation>写入所有行，要么全部成功，要么全部不写入</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Reading {name}…</source>
            <translation>正在读取 {name}…</translation>
        </message>
        <message>
            <source>Checking the rows…</source>
            <translation>正在检查各行…</translation>
        </message>
        <message>
            <source>Importing {count} rows…</source>
            <translation>正在导入 {count} 行…</translation>
        </message>
    </context>
    <context>
        <name>IndicatorsPage</name>
        <message>
            <source>Indicators and alerts</source>
            <translation>指标与警报</translation>
        </message>
        <message>
            <source>&amp;Indicators</source>
            <translation>指标(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Alerts</source>
            <translation>警报(&amp;A)</translation>
        </message>
        <message>
            <source>{kris} indicators · in alarm: {alarm} · readings overdue: {overdue} · open alerts: {alerts}</source>
            <translation>{kris} 个指标 · 报警：{alarm} · 读数逾期：{overdue} · 未关闭警报：{alerts}</translation>
        </message>
        <message>
            <source>&amp;Alerts ({count} open)</source>
            <translation>警报（{count} 条未关闭）(&amp;A)</translation>
        </message>
    </context>
    <context>
        <name>KriEditor</name>
        <message>
            <source>Edit indicator</source>
            <translation>编辑指标</translation>
        </message>
        <message>
            <source>New indicator</source>
            <translation>新建指标</translation>
        </message>
        <message>
            <source>e.g. Unplanned downtime of line 2</source>
            <translation>如：2 号线非计划停机时间</translation>
        </message>
        <message>
            <source>(no linked risk)</source>
            <translation>（无关联风险）</translation>
        </message>
        <message>
            <source>Choose a department…</source>
            <translation>选择部门…</translation>
        </message>
        <message>
            <source>e.g. %, hours, count</source>
            <translation>如：%、小时、次数</translation>
        </message>
        <message>
            <source>Warning at</source>
            <translation>预警值</translation>
        </message>
        <message>
            <source>Alarm at</source>
            <translation>报警值</translation>
        </message>
        <message>
            <source>What is measured, and how</source>
            <translation>测量什么，如何测量</translation>
        </message>
        <message>
            <source>&amp;Warning:</source>
            <translation>预警阈值(&amp;W)：</translation>
        </message>
        <message>
            <source>A&amp;larm:</source>
            <translation>报警阈值(&amp;L)：</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>名称(&amp;N)：</translation>
        </message>
        <message>
            <source>Linked &amp;risk:</source>
            <translation>关联风险(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Department to notify:</source>
            <translation>通知部门(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Unit:</source>
            <translation>单位(&amp;U)：</translation>
        </message>
        <message>
            <source>D&amp;irection:</source>
            <translation>方向(&amp;I)：</translation>
        </message>
        <message>
            <source>Thresholds:</source>
            <translation>阈值：</translation>
        </message>
        <message>
            <source>Reading &amp;frequency:</source>
            <translation>读取频率(&amp;F)：</translation>
        </message>
        <message>
            <source>D&amp;escription:</source>
            <translation>描述(&amp;E)：</translation>
        </message>
        <message>
            <source>Choose the linked risk from the list, or “(no linked risk)”.</source>
            <translation>请从列表中选择关联风险，或选择“（无关联风险）”。</translation>
        </message>
        <message>
            <source>A reading at or below {warning} {unit} is a warning, at or below {alarm} {unit} an alarm.</source>
            <translation>读数小于或等于 {warning} {unit} 时预警，小于或等于 {alarm} {unit} 时报警。</translation>
        </message>
        <message>
            <source>A reading at or above {warning} {unit} is a warning, at or above {alarm} {unit} an alarm.</source>
            <translation>读数大于或等于 {warning} {unit} 时预警，大于或等于 {alarm} {unit} 时报警。</translation>
        </message>
    </context>
    <context>
        <name>KriForecastBar</name>
        <message>
            <source>Early &amp;warning: forecast the trend</source>
            <extracomment>(enabled, horizon in days) chosen by the user</extracomment>
            <translation>提前预警：预测趋势(&amp;W)</translation>
        </message>
        <message>
            <source>Project the trend of the last readings and alert the department when a threshold comes within the horizon (never from fewer than 5 readings)</source>
            <translation>根据最近读数的趋势进行外推，当预计在预测期内达到阈值时向部门发出预警（少于 5 个读数时不预测）</translation>
        </message>
        <message>
            <source>&amp;Horizon:</source>
            <translation>预测期(&amp;H)：</translation>
        </message>
        <message>
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <source>Turned off: readings warn only once they reach a threshold.</source>
            <translation>已关闭：只有读数达到阈值时才会预警。</translation>
        </message>
        <message>
            <source>A forecast needs at least {needed} readings; there are {count}.</source>
            <translation>预测至少需要 {needed} 个读数；目前有 {count} 个。</translation>
        </message>
        <message>
            <source>{change} a week</source>
            <translation>每周 {change}</translation>
        </message>
        <message>
            <source>{change} a month</source>
            <translation>每月 {change}</translation>
        </message>
        <message>
            <source>Trend of the last {count} readings (Theil-Sen): {rate}.</source>
            <translation>最近 {count} 个读数的趋势（Theil-Sen）：{rate}。</translation>
        </message>
        <message>
            <source>No real trend: the readings scatter more than they move, so nothing is forecast.</source>
            <translation>没有真实趋势：读数的离散大于其变化，因此不作预测。</translation>
        </message>
        <message>
            <source>{state} around {day} (maybe never at the slow end of the range)</source>
            <translation>{state}约在 {day}（按区间的慢端可能不会达到）</translation>
        </message>
        <message>
            <source>{state} around {day} (between {earliest} and {latest})</source>
            <translation>{state}约在 {day}（介于 {earliest} 与 {latest} 之间）</translation>
        </message>
        <message>
            <source>It runs away from the thresholds.</source>
            <translation>趋势正远离阈值。</translation>
        </message>
        <message>
            <source>At this rate: {crossings}.</source>
            <translation>按此速度：{crossings}。</translation>
        </message>
        <message>
            <source>Within the {days}-day horizon: a forecast alert goes to {department}.</source>
            <translation>在 {days} 天预测期内：将向{department}发出预测预警。</translation>
        </message>
    </context>
    <context>
        <name>KriPanel</name>
        <message>
            <source>Search indicator, risk, department…</source>
            <translation>搜索指标、风险、部门…</translation>
        </message>
        <message>
            <source>All states</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>Reading overdue</source>
            <translation>读数逾期</translation>
        </message>
        <message>
            <source>No reading yet</source>
            <translation>尚无读数</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation>已归档</translation>
        </message>
        <message>
            <source>Archived indicators are listed under “Archived”, where they can be restored</source>
            <translation>已归档的指标列在“已归档”下，可在那里恢复</translation>
        </message>
        <message>
            <source>&amp;New KRI…</source>
            <translation>新建指标(&amp;N)…</translation>
        </message>
        <message>
            <source>Define a new key risk indicator (Ctrl+N)</source>
            <translation>定义新的关键风险指标 (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>编辑(&amp;E)…</translation>
        </message>
        <message>
            <source>Edit the selected indicator (Enter, Ctrl+E)</source>
            <translation>编辑所选指标 (Enter, Ctrl+E)</translation>
        </message>
        <message>
            <source>Add rea&amp;ding…</source>
            <translation>添加读数(&amp;D)…</translation>
        </message>
        <message>
            <source>Record one reading of the selected indicator (Ctrl+R)</source>
            <translation>为所选指标记录一个读数 (Ctrl+R)</translation>
        </message>
        <message>
            <source>Add readings (&amp;grid)…</source>
            <translation>批量添加读数(&amp;G)…</translation>
        </message>
        <message>
            <source>Type many dated readings at once (Ctrl+Shift+R)</source>
            <translation>一次输入多个带日期的读数 (Ctrl+Shift+R)</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Archive the selected indicator (Delete)</source>
            <translation>归档所选指标 (Delete)</translation>
        </message>
        <message>
            <source>Select an indicator to see its trend.</source>
            <translation>选择一个指标以查看其趋势。</translation>
        </message>
        <message>
            <source>Readings</source>
            <translation>读数</translation>
        </message>
        <message>
            <source>none yet</source>
            <translation>暂无</translation>
        </message>
        <message>
            <source>{date} (overdue)</source>
            <translation>{date}（逾期）</translation>
        </message>
        <message>
            <source>A reading is overdue: this indicator is read {frequency}.</source>
            <translation>读数已逾期：此指标的读取频率为{frequency}。</translation>
        </message>
        <message>
            <source>Indicator</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Last value</source>
            <translation>最新值</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Last reading</source>
            <translation>最近读数</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>预警阈值</translation>
        </message>
        <message>
            <source>Alarm</source>
            <translation>报警阈值</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Frequency</source>
            <translation>频率</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Recorded by</source>
            <translation>记录人</translation>
        </message>
        <message>
            <source>Readings of {name} ({count})</source>
            <translation>{name} 的读数（{count}）</translation>
        </message>
        <message>
            <source>No readings yet: add one with “Add reading”.</source>
            <translation>尚无读数：请通过“添加读数”添加。</translation>
        </message>
        <message>
            <source>{count} invalid value(s) not shown</source>
            <translation>{count} 个无效值未显示</translation>
        </message>
        <message>
            <source>Forecast</source>
            <translation>预测</translation>
        </message>
        <message>
            <source>90 % range</source>
            <translation>90% 区间</translation>
        </message>
        <message>
            <source>Warning ~{month}</source>
            <translation>预警 约{month}</translation>
        </message>
        <message>
            <source>Alarm ~{month}</source>
            <translation>报警 约{month}</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Archive indicator</source>
            <translation>归档指标</translation>
        </message>
        <message>
            <source>Archive “{name}”? It keeps its readings and alerts but takes no new readings. You can restore it with “Show archived”.</source>
            <translation>归档“{name}”？其读数和警报将保留，但不再接收新读数。可通过“显示已归档”恢复。</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Identified</source>
            <translation>已识别</translation>
        </message>
        <message>
            <source>Assessed</source>
            <translation>已评估</translation>
        </message>
        <message>
            <source>Treating</source>
            <translation>处理中</translation>
        </message>
        <message>
            <source>Monitoring</source>
            <translation>监控中</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>已关闭</translation>
        </message>
        <message>
            <source>Internal audit</source>
            <translation>内部审核</translation>
        </message>
        <message>
            <source>Data analysis</source>
            <translation>数据分析</translation>
        </message>
        <message>
            <source>Market research</source>
            <translation>市场调研</translation>
        </message>
        <message>
            <source>Incident</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Workshop</source>
            <translation>研讨会</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Inherent</source>
            <translation>固有风险</translation>
        </message>
        <message>
            <source>Residual</source>
            <translation>剩余风险</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>目标风险</translation>
        </message>
        <message>
            <source>Avoid</source>
            <translation>风险规避</translation>
        </message>
        <message>
            <source>Reduce</source>
            <translation>风险降低</translation>
        </message>
        <message>
            <source>Transfer</source>
            <translation>风险转移</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>风险接受</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>计划中</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>进行中</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>Mitigation</source>
            <translation>缓解措施</translation>
        </message>
        <message>
            <source>Corrective</source>
            <translation>纠正措施</translation>
        </message>
        <message>
            <source>Preventive</source>
            <translation>预防措施</translation>
        </message>
        <message>
            <source>Improvement</source>
            <translation>改进措施</translation>
        </message>
        <message>
            <source>Meeting decision</source>
            <translation>会议决议</translation>
        </message>
        <message>
            <source>Higher is worse</source>
            <translation>越高越差</translation>
        </message>
        <message>
            <source>Lower is worse</source>
            <translation>越低越差</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>预警</translation>
        </message>
        <message>
            <source>Alarm</source>
            <translation>报警</translation>
        </message>
        <message>
            <source>Weekly</source>
            <translation>每周</translation>
        </message>
        <message>
            <source>Monthly</source>
            <translation>每月</translation>
        </message>
        <message>
            <source>Quarterly</source>
            <translation>每季度</translation>
        </message>
        <message>
            <source>Indicator</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>Risk appetite</source>
            <translation>风险偏好</translation>
        </message>
        <message>
            <source>Forecast</source>
            <translation>预测预警</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>未关闭</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>已解决</translation>
        </message>
        <message>
            <source>Ratio</source>
            <translation>比率</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Met</source>
            <translation>已达成</translation>
        </message>
        <message>
            <source>At risk</source>
            <translation>有风险</translation>
        </message>
        <message>
            <source>Missed</source>
            <translation>未达成</translation>
        </message>
        <message>
            <source>Inspection</source>
            <translation>检验</translation>
        </message>
        <message>
            <source>Sampling check</source>
            <translation>抽样检查</translation>
        </message>
        <message>
            <source>Customer complaint</source>
            <translation>客户投诉</translation>
        </message>
        <message>
            <source>Audit</source>
            <translation>审核</translation>
        </message>
        <message>
            <source>Code review</source>
            <translation>代码评审</translation>
        </message>
        <message>
            <source>SPC signal</source>
            <translation>SPC 信号</translation>
        </message>
        <message>
            <source>Minor</source>
            <translation>轻微</translation>
        </message>
        <message>
            <source>Major</source>
            <translation>严重</translation>
        </message>
        <message>
            <source>Critical</source>
            <translation>致命</translation>
        </message>
        <message>
            <source>Man</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Machine</source>
            <translation>机器</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>方法</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>材料</translation>
        </message>
        <message>
            <source>Measurement</source>
            <translation>测量</translation>
        </message>
        <message>
            <source>Environment</source>
            <translation>环境</translation>
        </message>
        <message>
            <source>Rework</source>
            <translation>返工</translation>
        </message>
        <message>
            <source>Scrap</source>
            <translation>报废</translation>
        </message>
        <message>
            <source>Use as is</source>
            <translation>让步接收</translation>
        </message>
        <message>
            <source>Return</source>
            <translation>退货</translation>
        </message>
        <message>
            <source>Effective</source>
            <translation>有效</translation>
        </message>
        <message>
            <source>Partly effective</source>
            <translation>部分有效</translation>
        </message>
        <message>
            <source>Not effective</source>
            <translation>无效</translation>
        </message>
        <message>
            <source>Investigating</source>
            <translation>调查中</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>措施实施</translation>
        </message>
        <message>
            <source>Verification</source>
            <translation>验证中</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>已提交</translation>
        </message>
        <message>
            <source>Under review</source>
            <translation>评审中</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>已采纳</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>未采纳</translation>
        </message>
        <message>
            <source>Implemented</source>
            <translation>已实施</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Survey</source>
            <translation>问卷调查</translation>
        </message>
        <message>
            <source>Website</source>
            <translation>网站</translation>
        </message>
        <message>
            <source>Sales visit</source>
            <translation>销售拜访</translation>
        </message>
        <message>
            <source>Strategic</source>
            <translation>战略</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>市场</translation>
        </message>
        <message>
            <source>Operational</source>
            <translation>运营</translation>
        </message>
        <message>
            <source>Technical</source>
            <translation>技术</translation>
        </message>
        <message>
            <source>Financial</source>
            <translation>财务</translation>
        </message>
        <message>
            <source>Legal/Compliance</source>
            <translation>法律/合规</translation>
        </message>
        <message>
            <source>Information security</source>
            <translation>信息安全</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>invalid value</source>
            <extracomment>kinds whose codes an administrator may add: an unknown one is shown as stored</extracomment>
            <translation>无效值</translation>
        </message>
    </context>
    <context>
        <name>LanguageSection</name>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Follow the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <source>Simplified Chinese</source>
            <translation>简体中文</translation>
        </message>
        <message>
            <source>The language is applied when OpsDesk restarts.</source>
            <translation>语言将在 OpsDesk 重新启动后生效。</translation>
        </message>
        <message>
            <source>Save language</source>
            <translation>保存语言</translation>
        </message>
        <message>
            <source>The language was not saved</source>
            <translation>语言未保存</translation>
        </message>
        <message>
            <source>Saved. Restart OpsDesk to use the new language.</source>
            <translation>已保存。请重新启动 OpsDesk 以使用新语言。</translation>
        </message>
    </context>
    <context>
        <name>LevelChip</name>
        <message>
            <source>invalid value</source>
            <translation>无效值</translation>
        </message>
        <message>
            <source>Not assessed</source>
            <translation>未评估</translation>
        </message>
    </context>
    <context>
        <name>ListControls</name>
        <message>
            <source>All departments</source>
            <extracomment>the margins of a list page: room around the title row, less at the bottom settings prefix of the column layout and splitters: "actions" keeps "actions/table" the table's settings name under state_key</extracomment>
            <translation>全部部门</translation>
        </message>
        <message>
            <source>{shown} of {total} shown</source>
            <translation>显示 {shown} / {total}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Dashboard</source>
            <extracomment>how often the window looks for changes that others saved in the register</extracomment>
            <translation>仪表板</translation>
        </message>
        <message>
            <source>Risks</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>Heatmap</source>
            <translation>热力图</translation>
        </message>
        <message>
            <source>Indicators and alerts</source>
            <translation>指标与警报</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>措施</translation>
        </message>
        <message>
            <source>Quality objectives</source>
            <translation>质量目标</translation>
        </message>
        <message>
            <source>Customer feedback</source>
            <translation>客户反馈</translation>
        </message>
        <message>
            <source>Nonconformities</source>
            <translation>不合格项</translation>
        </message>
        <message>
            <source>Meetings</source>
            <translation>质量分析会</translation>
        </message>
        <message>
            <source>Suggestions</source>
            <translation>改进建议</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报告</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>the register</source>
            <extracomment>a look for others' changes answered: True when pages were told to reload the quiet "Opening &lt;name&gt;…" in the page frame while the register opens on a worker</extracomment>
            <translation>登记册</translation>
        </message>
        <message>
            <source>Opening {name}…</source>
            <translation>正在打开 {name}…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;New database…</source>
            <translation>新建数据库(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation>打开数据库(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Connect to server…</source>
            <translation>连接服务器(&amp;C)…</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Import from Excel…</source>
            <translation>从 Excel 导入(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;Export quarter to Excel…</source>
            <translation>导出季度报告到 Excel(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Backup now</source>
            <translation>立即备份(&amp;B)</translation>
        </message>
        <message>
            <source>Restore from bac&amp;kup…</source>
            <translation>从备份恢复(&amp;K)…</translation>
        </message>
        <message>
            <source>C&amp;heck register</source>
            <translation>检查登记册(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Encrypt register…</source>
            <translation>加密登记册(&amp;E)…</translation>
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
            <source>&amp;New risk</source>
            <translation>新建风险(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Find</source>
            <translation>查找(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Archive selected</source>
            <translation>归档所选(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About OpsDesk</source>
            <translation>关于 OpsDesk(&amp;A)</translation>
        </message>
        <message>
            <source>About OpsDesk</source>
            <translation>关于 OpsDesk</translation>
        </message>
        <message>
            <source>OpsDesk {version}
The risk and quality register.

Database: {db}</source>
            <translation>OpsDesk {version}
风险与质量登记册。

数据库：{db}</translation>
        </message>
        <message>
            <source>New database</source>
            <translation>新建数据库</translation>
        </message>
        <message>
            <source>OpsDesk database (*.db)</source>
            <translation>OpsDesk 数据库 (*.db)</translation>
        </message>
        <message>
            <source>{path} already exists; open it instead.</source>
            <translation>{path} 已存在；请直接打开它。</translation>
        </message>
        <message>
            <source>Encrypt the new register with a password?
Then only someone who knows the password can read the file and its backups; a lost password cannot be recovered.</source>
            <translation>用密码加密新的登记册吗？
加密后只有知道密码的人才能读取该文件及其备份；密码丢失后无法找回。</translation>
        </message>
        <message>
            <source>Encrypt</source>
            <translation>加密</translation>
        </message>
        <message>
            <source>Open database</source>
            <translation>打开数据库</translation>
        </message>
        <message>
            <source>OpsDesk database (*.db);;All files (*)</source>
            <translation>OpsDesk 数据库 (*.db);;所有文件 (*)</translation>
        </message>
        <message>
            <source>The server refused the password of {user}. Check it and try again.</source>
            <translation>服务器拒绝了 {user} 的密码。请检查后重试。</translation>
        </message>
        <message>
            <source>The server asks for the password of {user}.</source>
            <translation>服务器需要 {user} 的密码。</translation>
        </message>
        <message>
            <source>The password is kept in the system keyring.</source>
            <translation>密码已保存在系统密钥环中。</translation>
        </message>
        <message>
            <source>No system keyring could keep the password: OpsDesk will ask for it next time.</source>
            <translation>没有可用的系统密钥环保存密码：下次 OpsDesk 会再次询问。</translation>
        </message>
        <message>
            <source>Cannot open the database</source>
            <translation>无法打开数据库</translation>
        </message>
        <message>
            <source>Encrypt register</source>
            <translation>加密登记册</translation>
        </message>
        <message>
            <source>This register is open read-only ({reason}).</source>
            <translation>此登记册以只读方式打开（{reason}）。</translation>
        </message>
        <message>
            <source>A server register is protected by the server (its logins and encrypted connections).</source>
            <translation>服务器上的登记册由服务器保护（其登录账户和加密连接）。</translation>
        </message>
        <message>
            <source>This register is already encrypted.</source>
            <translation>此登记册已经加密。</translation>
        </message>
        <message>
            <source>The register is encrypted: it opens only with its password.</source>
            <translation>登记册已加密：只有输入密码才能打开。</translation>
        </message>
        <message>
            <source>The unencrypted register is kept as {path}.</source>
            <translation>未加密的登记册保留为 {path}。</translation>
        </message>
        <message>
            <source>Audit trail shorter than before</source>
            <translation>审计追踪比之前短</translation>
        </message>
        <message>
            <source>In {register}, {problem}.

If nobody restored this register from an older copy, history was removed outside OpsDesk: keep the register as it is and tell your administrator. Until you accept it, OpsDesk warns again and File &gt; Check register reports it.</source>
            <translation>在 {register} 中，{problem}。

如果没有人用较旧的副本恢复过此登记册，则说明有人在 OpsDesk 之外删除了历史记录：请保持登记册原样，并告知管理员。在您接受之前，OpsDesk 会再次警告，“文件 &gt; 检查登记册”也会报告此问题。</translation>
        </message>
        <message>
            <source>Accept this history</source>
            <translation>接受当前历史记录</translation>
        </message>
        <message>
            <source>Checking the register…</source>
            <translation>正在检查登记册…</translation>
        </message>
        <message>
            <source>Register checked</source>
            <translation>登记册已检查</translation>
        </message>
        <message>
            <source>Problems found</source>
            <translation>发现问题</translation>
        </message>
        <message>
            <source>Check failed</source>
            <translation>检查失败</translation>
        </message>
        <message>
            <source>Automatic backup failed: {error}</source>
            <translation>自动备份失败：{error}</translation>
        </message>
        <message>
            <source>Automatic backup written to {path}</source>
            <translation>自动备份已写入 {path}</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Server databases are restored by the server's tools.</source>
            <translation>服务器数据库由服务器工具恢复。</translation>
        </message>
        <message>
            <source>This register is open read-only ({reason}); it cannot be replaced from here.</source>
            <translation>此登记册以只读方式打开（{reason}）；无法在此替换。</translation>
        </message>
        <message>
            <source>Restore from backup</source>
            <translation>从备份恢复</translation>
        </message>
        <message>
            <source>Replace the register {path} by {source}?
The current register is backed up first.</source>
            <translation>用 {source} 替换登记册 {path}？
当前登记册将先行备份。</translation>
        </message>
        <message>
            <source>Cannot restore this file</source>
            <translation>无法恢复此文件</translation>
        </message>
        <message>
            <source>Register restored</source>
            <translation>登记册已恢复</translation>
        </message>
        <message>
            <source>The register was restored from {source}.
The register it replaced was kept as {kept}.</source>
            <translation>登记册已从 {source} 恢复。
被替换的登记册保存为 {kept}。</translation>
        </message>
        <message>
            <source>Restored from {source}</source>
            <translation>已从 {source} 恢复</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>Backup</source>
            <translation>备份</translation>
        </message>
        <message>
            <source>Server databases are backed up by the server.</source>
            <translation>服务器数据库由服务器负责备份。</translation>
        </message>
        <message>
            <source>Backup failed</source>
            <translation>备份失败</translation>
        </message>
        <message>
            <source>Backup written to {path}</source>
            <translation>备份已写入 {path}</translation>
        </message>
        <message>
            <source>The register answers again; every page was reloaded.</source>
            <translation>登记册已恢复连接；所有页面均已重新加载。</translation>
        </message>
        <message>
            <source>Updated with changes saved by others</source>
            <translation>已更新他人保存的更改</translation>
        </message>
        <message>
            <source>The register cannot be reached since {time}: what you see may be out of date, and nothing can be saved until it is back. OpsDesk keeps trying.</source>
            <translation>自 {time} 起无法连接登记册：当前显示的内容可能已过时，恢复连接之前无法保存任何内容。OpsDesk 会持续重试。</translation>
        </message>
        <message>
            <source>This register is read-only: {reason}. You can look at everything, but nothing can be saved.</source>
            <translation>此登记册为只读：{reason}。您可以查看所有内容，但无法保存任何更改。</translation>
        </message>
        <message>
            <source>opened read-only</source>
            <translation>以只读方式打开</translation>
        </message>
        <message>
            <source>This register is on a network drive ({where}). It is open without write-ahead logging: never open it from two computers at once, and move it to this computer or to a server register soon.</source>
            <translation>此登记册位于网络驱动器上（{where}）。它已在不使用预写日志的情况下打开：切勿同时从两台计算机打开它，并请尽快将其移到本机或服务器登记册。</translation>
        </message>
        <message>
            <source>This register is in a folder that {service} synchronises, which can upload a half-written file or bring back an older copy. Keep the register in a folder that is not synchronised.</source>
            <translation>此登记册位于 {service} 同步的文件夹中，同步可能上传写了一半的文件或恢复旧副本。请将登记册放在不同步的文件夹中。</translation>
        </message>
        <message>
            <source>User: {user} · {role}</source>
            <translation>用户：{user} · {role}</translation>
        </message>
        <message>
            <source>encrypted ({tls})</source>
            <translation>已加密（{tls}）</translation>
        </message>
        <message>
            <source>not encrypted</source>
            <translation>未加密</translation>
        </message>
        <message>
            <source>User: {user}</source>
            <translation>用户：{user}</translation>
        </message>
        <message>
            <source>{risks} active risks · {alerts} open alerts</source>
            <translation>{risks} 项活动风险 · {alerts} 条未关闭警报</translation>
        </message>
        <message>
            <source>viewer</source>
            <translation>查看者</translation>
        </message>
        <message>
            <source>editor</source>
            <translation>编辑者</translation>
        </message>
        <message>
            <source>administrator</source>
            <translation>管理员</translation>
        </message>
    </context>
    <context>
        <name>Matrix</name>
        <message>
            <source>Low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <source>Critical</source>
            <translation>极高</translation>
        </message>
        <message>
            <source>Rare</source>
            <translation>罕见</translation>
        </message>
        <message>
            <source>Unlikely</source>
            <translation>不太可能</translation>
        </message>
        <message>
            <source>Possible</source>
            <translation>可能</translation>
        </message>
        <message>
            <source>Likely</source>
            <translation>很可能</translation>
        </message>
        <message>
            <source>Almost certain</source>
            <translation>几乎肯定</translation>
        </message>
        <message>
            <source>Insignificant</source>
            <translation>可忽略</translation>
        </message>
        <message>
            <source>Minor</source>
            <translation>较小</translation>
        </message>
        <message>
            <source>Moderate</source>
            <translation>中等</translation>
        </message>
        <message>
            <source>Major</source>
            <translation>较大</translation>
        </message>
        <message>
            <source>Severe</source>
            <translation>严重</translation>
        </message>
    </context>
    <context>
        <name>MatrixEditor</name>
        <message>
            <source>Size and labels</source>
            <extracomment>replaced in tests so no colour dialog opens</extracomment>
            <translation>大小和标签</translation>
        </message>
        <message>
            <source>Number of likelihood levels (rows)</source>
            <translation>可能性等级数（行）</translation>
        </message>
        <message>
            <source>Number of impact levels (columns)</source>
            <translation>影响等级数（列）</translation>
        </message>
        <message>
            <source>Likelihood levels:</source>
            <translation>可能性等级：</translation>
        </message>
        <message>
            <source>Impact levels:</source>
            <translation>影响等级：</translation>
        </message>
        <message>
            <source>Likelihood</source>
            <translation>可能性</translation>
        </message>
        <message>
            <source>Impact</source>
            <translation>影响</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <source>Click a cell for the next level (Shift+click: previous), right-click to choose. Keyboard: arrows, then Space.</source>
            <translation>点击单元格切换到下一等级（Shift+点击：上一等级），右键选择等级。键盘：方向键，然后按空格。</translation>
        </message>
        <message>
            <source>Level bands (lowest first)</source>
            <translation>风险等级（由低到高）</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>代码</translation>
        </message>
        <message>
            <source>Up to score</source>
            <translation>分值上限</translation>
        </message>
        <message>
            <source>Risks whose residual level is above this level must be treated or formally accepted.</source>
            <translation>剩余风险等级高于此等级的风险必须处理或正式接受。</translation>
        </message>
        <message>
            <source>Risk appetite:</source>
            <translation>风险偏好：</translation>
        </message>
        <message>
            <source>Add level</source>
            <translation>添加等级</translation>
        </message>
        <message>
            <source>Add a level above the highest one</source>
            <translation>在最高等级之上添加一个等级</translation>
        </message>
        <message>
            <source>Fill by score</source>
            <translation>按分值填充</translation>
        </message>
        <message>
            <source>Rebuild every cell from the score thresholds: each level covers the scores up to its limit.</source>
            <translation>根据分值阈值重建所有单元格：每个等级覆盖至其上限的分值。</translation>
        </message>
        <message>
            <source>Choose the colour</source>
            <translation>选择颜色</translation>
        </message>
        <message>
            <source>Move this level down the ranking (lower)</source>
            <translation>将此等级下移（更低）</translation>
        </message>
        <message>
            <source>Move this level up the ranking (higher)</source>
            <translation>将此等级上移（更高）</translation>
        </message>
        <message>
            <source>Remove this level (its cells go to the neighbouring level)</source>
            <translation>删除此等级（其单元格归入相邻等级）</translation>
        </message>
        <message>
            <source>Highest score of this level when filling by score</source>
            <translation>按分值填充时此等级的最高分值</translation>
        </message>
        <message>
            <source>the rest</source>
            <translation>其余</translation>
        </message>
        <message>
            <source>Level {n}</source>
            <translation>等级 {n}</translation>
        </message>
        <message>
            <source>Colour of {name}</source>
            <translation>{name}的颜色</translation>
        </message>
        <message>
            <source>New level</source>
            <translation>新等级</translation>
        </message>
        <message>
            <source>Name of level {n}</source>
            <translation>等级 {n} 的名称</translation>
        </message>
        <message>
            <source>Likelihood level {n}</source>
            <translation>可能性等级 {n}</translation>
        </message>
        <message>
            <source>Impact level {n}</source>
            <translation>影响等级 {n}</translation>
        </message>
        <message>
            <source>Stored code: {code}</source>
            <translation>存储代码：{code}</translation>
        </message>
    </context>
    <context>
        <name>MatrixGrid</name>
        <message>
            <source>Impact →</source>
            <extracomment>(initial colour, parent, title) -&gt; the chosen colour, or None when the user cancels</extracomment>
            <translation>影响 →</translation>
        </message>
        <message>
            <source>Likelihood →</source>
            <translation>可能性 →</translation>
        </message>
        <message>
            <source>{name} (appetite)</source>
            <translation>{name}（风险偏好）</translation>
        </message>
        <message>
            <source>Likelihood {l} × impact {i} = score {score}: {level}</source>
            <translation>可能性 {l} × 影响 {i} = 分值 {score}：{level}</translation>
        </message>
        <message>
            <source>Click: next level · right-click: choose the level</source>
            <translation>点击：下一等级 · 右键：选择等级</translation>
        </message>
    </context>
    <context>
        <name>MatrixSection</name>
        <message>
            <source>Save matrix</source>
            <translation>保存矩阵</translation>
        </message>
        <message>
            <source>Risk matrix</source>
            <translation>风险矩阵</translation>
        </message>
        <message>
            <source>The matrix cannot be saved yet: {problems}</source>
            <translation>矩阵暂时无法保存：{problems}</translation>
        </message>
        <message>
            <source>Saving will re-level 1 risk.</source>
            <translation>保存后将重新评定 1 项风险的等级。</translation>
        </message>
        <message>
            <source>Saving will re-level {n} risks.</source>
            <translation>保存后将重新评定 {n} 项风险的等级。</translation>
        </message>
        <message>
            <source>Saving will not change the level of any risk.</source>
            <translation>保存不会改变任何风险的等级。</translation>
        </message>
        <message>
            <source>Save the risk matrix</source>
            <translation>保存风险矩阵</translation>
        </message>
        <message>
            <source>Saving will re-level {n} risk(s): their inherent, residual and target levels are recomputed with the new matrix, and the change is recorded in the audit trail. Continue?</source>
            <translation>保存后将重新评定 {n} 项风险的等级：按新矩阵重新计算其固有风险、剩余风险和目标风险等级，并将更改记录到审计追踪中。是否继续？</translation>
        </message>
        <message>
            <source>Save and re-level</source>
            <translation>保存并重新评级</translation>
        </message>
        <message>
            <source>The risk matrix was not saved</source>
            <translation>风险矩阵未保存</translation>
        </message>
        <message>
            <source>Matrix saved; {n} risk(s) re-levelled.</source>
            <translation>矩阵已保存；{n} 项风险已重新评级。</translation>
        </message>
    </context>
    <context>
        <name>MeetingDetail</name>
        <message>
            <source>Select a meeting to see its agenda, minutes and decisions.</source>
            <translation>选择一个会议以查看其议程、纪要和决议。</translation>
        </message>
        <message>
            <source>{day} · {n} attendees: {names}</source>
            <translation>{day} · {n} 位参会人：{names}</translation>
        </message>
        <message>
            <source>Agenda</source>
            <translation>议程</translation>
        </message>
        <message>
            <source>No agenda recorded.</source>
            <translation>未记录议程。</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translation>会议纪要</translation>
        </message>
        <message>
            <source>No minutes recorded.</source>
            <translation>未记录会议纪要。</translation>
        </message>
        <message>
            <source>Decisions</source>
            <translation>决议</translation>
        </message>
        <message>
            <source>No decisions recorded.</source>
            <translation>未记录决议。</translation>
        </message>
        <message>
            <source>Create action…</source>
            <translation>创建措施…</translation>
        </message>
        <message>
            <source>Turn this decision into an action with an owner and a due date</source>
            <translation>将此决议转为带责任人和截止日期的措施</translation>
        </message>
        <message>
            <source>Nonconformities discussed</source>
            <translation>讨论的不合格项</translation>
        </message>
        <message>
            <source>Click a code to open the Nonconformities page on it</source>
            <translation>点击编号可在不合格项页面中打开</translation>
        </message>
        <message>
            <source>None linked.</source>
            <translation>未关联。</translation>
        </message>
        <message>
            <source>Objectives discussed</source>
            <translation>讨论的质量目标</translation>
        </message>
        <message>
            <source>Actions ({n})</source>
            <translation>措施（{n}）</translation>
        </message>
        <message>
            <source>No actions yet.</source>
            <translation>尚无措施。</translation>
        </message>
        <message>
            <source>no due date</source>
            <translation>无截止日期</translation>
        </message>
        <message>
            <source>{arrow}{title} · {owner} · due {due} · {status}</source>
            <translation>{arrow}{title} · {owner} · 截止 {due} · {status}</translation>
        </message>
        <message>
            <source>action</source>
            <translation>措施</translation>
        </message>
        <message>
            <source>no owner</source>
            <translation>无责任人</translation>
        </message>
        <message>
            <source>, overdue</source>
            <translation>，逾期</translation>
        </message>
    </context>
    <context>
        <name>MeetingEditor</name>
        <message>
            <source>Edit meeting</source>
            <translation>编辑会议</translation>
        </message>
        <message>
            <source>New meeting</source>
            <translation>新建会议</translation>
        </message>
        <message>
            <source>&amp;Meeting</source>
            <translation>会议(&amp;M)</translation>
        </message>
        <message>
            <source>Minutes and &amp;decisions</source>
            <translation>纪要和决议(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Links</source>
            <translation>关联(&amp;L)</translation>
        </message>
        <message>
            <source>e.g. Quality analysis meeting Q3 2026</source>
            <translation>如：2026 年第三季度质量分析会</translation>
        </message>
        <message>
            <source>One name per line</source>
            <translation>每行一个姓名</translation>
        </message>
        <message>
            <source>1. …
2. …</source>
            <translation>1. …
2. …</translation>
        </message>
        <message>
            <source>&amp;Date</source>
            <translation>日期(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>标题(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Attendees</source>
            <translation>参会人(&amp;A)</translation>
        </message>
        <message>
            <source>A&amp;genda</source>
            <translation>议程(&amp;G)</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translation>会议纪要</translation>
        </message>
        <message>
            <source>What was discussed and found</source>
            <translation>讨论内容和发现</translation>
        </message>
        <message>
            <source>Decisions</source>
            <translation>决议</translation>
        </message>
        <message>
            <source>Double-click a decision to change its text</source>
            <translation>双击决议以修改其文字</translation>
        </message>
        <message>
            <source>Type a decision and press Enter</source>
            <translation>输入决议并按 Enter</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>上移</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>下移</translation>
        </message>
        <message>
            <source>Create action…</source>
            <translation>创建措施…</translation>
        </message>
        <message>
            <source>Nonconformities discussed</source>
            <translation>讨论的不合格项</translation>
        </message>
        <message>
            <source>Quality objectives discussed</source>
            <translation>讨论的质量目标</translation>
        </message>
        <message>
            <source>{n} attendees</source>
            <translation>{n} 位参会人</translation>
        </message>
        <message>
            <source>Save the meeting to turn its decisions into actions.</source>
            <translation>请先保存会议，再将其决议转为措施。</translation>
        </message>
        <message>
            <source>Save the changed decisions before creating actions from them.</source>
            <translation>请先保存已修改的决议，再据此创建措施。</translation>
        </message>
        <message>
            <source>Select a decision and press “Create action…” to assign it.</source>
            <translation>选择一条决议并点击“创建措施…”进行分派。</translation>
        </message>
    </context>
    <context>
        <name>MeetingsPage</name>
        <message>
            <source>Meetings</source>
            <translation>质量分析会</translation>
        </message>
        <message>
            <source>New meeting…</source>
            <translation>新建会议…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Search title, attendees, minutes, decisions, NC codes…</source>
            <translation>搜索标题、参会人、纪要、决议、不合格项编号…</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Attendees</source>
            <translation>参会人</translation>
        </message>
        <message>
            <source>Linked NCs</source>
            <translation>关联不合格项</translation>
        </message>
        <message>
            <source>Decisions</source>
            <translation>决议</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>措施</translation>
        </message>
        <message>
            <source>{n} meetings</source>
            <translation>{n} 次会议</translation>
        </message>
        <message>
            <source>Archive meeting</source>
            <translation>归档会议</translation>
        </message>
        <message>
            <source>Archive “{title}” of {day}? It is kept and can be restored.</source>
            <translation>归档 {day} 的“{title}”？会议将被保留，之后可以恢复。</translation>
        </message>
        <message>
            <source>Cannot archive</source>
            <translation>无法归档</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Cannot save</source>
            <translation>无法保存</translation>
        </message>
        <message>
            <source>Changed by someone else</source>
            <translation>已被他人修改</translation>
        </message>
        <message>
            <source>Not allowed</source>
            <translation>不允许</translation>
        </message>
        <message>
            <source>OpsDesk</source>
            <translation>OpsDesk</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>确定</translation>
        </message>
        <message>
            <source>Keep the warning</source>
            <translation>保留警告</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>未保存的更改</translation>
        </message>
        <message>
            <source>You have unsaved changes. Save them before closing?</source>
            <translation>您有未保存的更改。关闭前是否保存？</translation>
        </message>
        <message>
            <source>Welcome to OpsDesk</source>
            <translation>欢迎使用 OpsDesk</translation>
        </message>
        <message>
            <source>This register is empty. Load the demo company to explore OpsDesk, or start with an empty register?</source>
            <translation>此登记册为空。要加载演示公司来了解 OpsDesk，还是从空登记册开始？</translation>
        </message>
        <message>
            <source>Load demo data</source>
            <translation>加载演示数据</translation>
        </message>
        <message>
            <source>Start empty</source>
            <translation>从空白开始</translation>
        </message>
    </context>
    <context>
        <name>NamedListEditor</name>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>代码</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation>已归档</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>重命名</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
    </context>
    <context>
        <name>NcEditor</name>
        <message>
            <source>Nonconformity {code}</source>
            <translation>不合格项 {code}</translation>
        </message>
        <message>
            <source>New nonconformity</source>
            <translation>新建不合格项</translation>
        </message>
        <message>
            <source>What went wrong, in one line</source>
            <translation>一句话说明出了什么问题</translation>
        </message>
        <message>
            <source>&amp;Details</source>
            <translation>详情(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Root cause</source>
            <translation>根本原因(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Actions</source>
            <translation>措施(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Verification</source>
            <translation>验证(&amp;V)</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>应用</translation>
        </message>
        <message>
            <source>Save and keep the editor open</source>
            <translation>保存并保持编辑器打开</translation>
        </message>
        <message>
            <source>Close nonconformity</source>
            <translation>关闭不合格项</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>标题(&amp;T)</translation>
        </message>
        <message>
            <source>Product, part or process affected</source>
            <translation>受影响的产品、零件或过程</translation>
        </message>
        <message>
            <source>Who leads the investigation</source>
            <translation>由谁负责调查</translation>
        </message>
        <message>
            <source>Not decided</source>
            <translation>未决定</translation>
        </message>
        <message>
            <source>What was found, where, how many</source>
            <translation>发现了什么、在哪里、数量多少</translation>
        </message>
        <message>
            <source>What was done at once to protect the customer</source>
            <translation>为保护客户立即采取了哪些措施</translation>
        </message>
        <message>
            <source>&amp;Source</source>
            <translation>来源(&amp;S)</translation>
        </message>
        <message>
            <source>Se&amp;verity</source>
            <translation>严重程度(&amp;V)</translation>
        </message>
        <message>
            <source>De&amp;partment</source>
            <translation>部门(&amp;P)</translation>
        </message>
        <message>
            <source>Product / &amp;process</source>
            <translation>产品 / 过程(&amp;P)</translation>
        </message>
        <message>
            <source>Detected &amp;on</source>
            <translation>发现日期(&amp;O)</translation>
        </message>
        <message>
            <source>O&amp;wner</source>
            <translation>责任人(&amp;W)</translation>
        </message>
        <message>
            <source>Stat&amp;us</source>
            <translation>状态(&amp;U)</translation>
        </message>
        <message>
            <source>Dis&amp;position</source>
            <translation>处置(&amp;P)</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Immediate containment</source>
            <translation>紧急遏制措施</translation>
        </message>
        <message>
            <source>Ask “why?” five times: each answer becomes the question of the next line.</source>
            <translation>连问五次“为什么”（5个为什么）：每个回答成为下一行的问题。</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>Why {n}</source>
            <translation>为什么 {n}</translation>
        </message>
        <message>
            <source>Because…</source>
            <translation>因为…</translation>
        </message>
        <message>
            <source>The root cause in a sentence or two</source>
            <translation>用一两句话说明根本原因</translation>
        </message>
        <message>
            <source>Not classified</source>
            <translation>未分类</translation>
        </message>
        <message>
            <source>Root cause &amp;summary</source>
            <translation>根本原因总结(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;6M category</source>
            <translation>6M 类别（人机料法测环）(&amp;6)</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>措施</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>截止日期</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source> (overdue)</source>
            <translation>（逾期）</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>完成日期</translation>
        </message>
        <message>
            <source>Add corrective action…</source>
            <translation>添加纠正措施…</translation>
        </message>
        <message>
            <source>Add preventive action…</source>
            <translation>添加预防措施…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>标记完成</translation>
        </message>
        <message>
            <source>Once the actions are done, check that the problem does not come back, and record the result here. A nonconformity closes only when it was verified.</source>
            <translation>措施完成后，请确认问题没有再次发生，并在此记录结果。不合格项只有经过验证后才能关闭。</translation>
        </message>
        <message>
            <source>Not verified yet</source>
            <translation>尚未验证</translation>
        </message>
        <message>
            <source>Who checked it</source>
            <translation>验证人</translation>
        </message>
        <message>
            <source>&amp;Effectiveness</source>
            <translation>有效性(&amp;E)</translation>
        </message>
        <message>
            <source>Verified &amp;by</source>
            <translation>验证人(&amp;B)</translation>
        </message>
        <message>
            <source>Verified o&amp;n</source>
            <translation>验证日期(&amp;N)</translation>
        </message>
        <message>
            <source>No department</source>
            <translation>无部门</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>重新打开</translation>
        </message>
        <message>
            <source>New nonconformity: save it to add actions and record the verification.</source>
            <translation>新的不合格项：保存后才能添加措施并记录验证结果。</translation>
        </message>
        <message>
            <source>Save the nonconformity first; then add its corrective and preventive actions here.</source>
            <translation>请先保存不合格项，然后在此添加其纠正措施和预防措施。</translation>
        </message>
        <message>
            <source>detected {day}</source>
            <translation>{day} 发现</translation>
        </message>
        <message>
            <source>closed {day} after {n} days</source>
            <translation>{day} 关闭，历时 {n} 天</translation>
        </message>
        <message>
            <source>open {n} days</source>
            <translation>已开启 {n} 天</translation>
        </message>
        <message>
            <source>{n} open actions</source>
            <translation>{n} 项未完成措施</translation>
        </message>
        <message>
            <source>{n} overdue</source>
            <translation>{n} 项逾期</translation>
        </message>
        <message>
            <source>archived</source>
            <translation>已归档</translation>
        </message>
        <message>
            <source>This nonconformity is closed; reopen it to add actions.</source>
            <translation>此不合格项已关闭；如需添加措施请重新打开。</translation>
        </message>
        <message>
            <source>{open} open, {overdue} overdue. Every action must be done or cancelled before closing.</source>
            <translation>{open} 项未完成，{overdue} 项逾期。关闭前所有措施必须已完成或已取消。</translation>
        </message>
        <message>
            <source>Closed on {day}.</source>
            <translation>已于 {day} 关闭。</translation>
        </message>
        <message>
            <source>(the title on top)</source>
            <translation>（上方的标题）</translation>
        </message>
        <message>
            <source>Why: {text}?</source>
            <translation>为什么：{text}？</translation>
        </message>
        <message>
            <source>Answer the line above first.</source>
            <translation>请先回答上一行。</translation>
        </message>
        <message>
            <source>Cannot close {code}</source>
            <translation>无法关闭 {code}</translation>
        </message>
        <message>
            <source>Reopen {code}</source>
            <translation>重新打开 {code}</translation>
        </message>
        <message>
            <source>Reopen {code} for further action? Its closing date is cleared.</source>
            <translation>重新打开 {code} 以采取进一步措施？其关闭日期将被清除。</translation>
        </message>
    </context>
    <context>
        <name>NewPasswordDialog</name>
        <message>
            <source>Encrypt register</source>
            <translation>加密登记册</translation>
        </message>
        <message>
            <source>New encrypted register</source>
            <translation>新建加密登记册</translation>
        </message>
        <message>
            <source>Encrypt {path} and its backups with a password. Anyone with a copy of the file then needs the password to read it.</source>
            <translation>用密码加密 {path} 及其备份。此后任何拿到该文件副本的人都需要密码才能读取。</translation>
        </message>
        <message>
            <source>Password of the new register {path}:</source>
            <translation>新登记册 {path} 的密码：</translation>
        </message>
        <message>
            <source>A lost password cannot be recovered, by OpsDesk or anyone else: keep it where your team keeps its passwords.</source>
            <translation>密码丢失后，OpsDesk 和任何人都无法找回：请把它保存在团队保管密码的地方。</translation>
        </message>
        <message>
            <source>Remember in the system keyring</source>
            <translation>记住在系统钥匙串中</translation>
        </message>
        <message>
            <source>Keep the unencrypted file beside it (and its backups unencrypted)</source>
            <translation>在旁边保留未加密的文件（其备份也不加密）</translation>
        </message>
        <message>
            <source>&amp;Encrypt</source>
            <translation>加密(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Create</source>
            <translation>创建(&amp;C)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <source>Again:</source>
            <translation>再次输入：</translation>
        </message>
    </context>
    <context>
        <name>NonconformitiesPage</name>
        <message>
            <source>Nonconformities</source>
            <translation>不合格项</translation>
        </message>
        <message>
            <source>New nonconformity…</source>
            <translation>新建不合格项…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Search code, title, product, owner…</source>
            <translation>搜索编号、标题、产品、责任人…</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>Open (not closed)</source>
            <translation>未关闭</translation>
        </message>
        <message>
            <source>All severities</source>
            <translation>全部严重程度</translation>
        </message>
        <message>
            <source>All sources</source>
            <translation>全部来源</translation>
        </message>
        <message>
            <source>All 6M categories</source>
            <translation>全部 6M 类别</translation>
        </message>
        <message>
            <source>Overdue actions</source>
            <translation>逾期措施</translation>
        </message>
        <message>
            <source>Only nonconformities with at least one overdue action</source>
            <translation>仅显示至少有一项逾期措施的不合格项</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重程度</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Product / process</source>
            <translation>产品 / 过程</translation>
        </message>
        <message>
            <source>Detected</source>
            <translation>发现日期</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Days
open</source>
            <translation>开启
天数</translation>
        </message>
        <message>
            <source>Days to
close</source>
            <translation>关闭
用时</translation>
        </message>
        <message>
            <source>Open
actions</source>
            <translation>未完成
措施</translation>
        </message>
        <message>
            <source>Overdue
actions</source>
            <translation>逾期
措施</translation>
        </message>
        <message>
            <source>{n} overdue action(s)</source>
            <translation>{n} 项逾期措施</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Product / process: {text}</source>
            <translation>产品 / 过程：{text}</translation>
        </message>
        <message>
            <source>Pareto of causes</source>
            <translation>原因帕累托图</translation>
        </message>
        <message>
            <source>By:</source>
            <translation>按：</translation>
        </message>
        <message>
            <source>6M category</source>
            <translation>6M 类别</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>期间：</translation>
        </message>
        <message>
            <source>All time</source>
            <translation>全部时间</translation>
        </message>
        <message>
            <source>Last 12 months</source>
            <translation>最近 12 个月</translation>
        </message>
        <message>
            <source>Custom range</source>
            <translation>自定义范围</translation>
        </message>
        <message>
            <source>Nonconformities by 6M category</source>
            <translation>按 6M 类别统计的不合格项</translation>
        </message>
        <message>
            <source>Nonconformities by source</source>
            <translation>按来源统计的不合格项</translation>
        </message>
        <message>
            <source>{n} classified · 80% from {vital}</source>
            <translation>已分类 {n} 项 · 80% 来自{vital}</translation>
        </message>
        <message>
            <source>Cumulative share</source>
            <translation>累计占比</translation>
        </message>
        <message>
            <source>No classified nonconformities in this period</source>
            <translation>此期间没有已分类的不合格项</translation>
        </message>
        <message>
            <source>{n} nonconformities</source>
            <translation>{n} 项不合格项</translation>
        </message>
        <message>
            <source>Archive nonconformities</source>
            <translation>归档不合格项</translation>
        </message>
        <message>
            <source>Archive {codes}? Archived records are kept and can be restored.</source>
            <translation>归档 {codes}？已归档的记录会被保留，之后可以恢复。</translation>
        </message>
        <message>
            <source>Cannot archive</source>
            <translation>无法归档</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <source>{kri}: {value} on {date} escalated the open warning to an alarm.</source>
            <translation>{kri}：{date} 的读数 {value} 使未关闭的预警升级为报警。</translation>
        </message>
        <message>
            <source>{kri}: {value} on {date} is in alarm.</source>
            <translation>{kri}：{date} 的读数 {value} 已达报警阈值。</translation>
        </message>
        <message>
            <source>An indicator</source>
            <translation>某个指标</translation>
        </message>
        <message>
            <source>OpsDesk: new KRI alarm</source>
            <translation>OpsDesk：新的关键风险指标报警</translation>
        </message>
        <message>
            <source>New alarm: {text}</source>
            <translation>新报警：{text}</translation>
        </message>
    </context>
    <context>
        <name>ObjectiveEditor</name>
        <message>
            <source>Edit quality objective</source>
            <translation>编辑质量目标</translation>
        </message>
        <message>
            <source>New quality objective</source>
            <translation>新建质量目标</translation>
        </message>
        <message>
            <source>e.g. Final inspection pass rate</source>
            <translation>如：最终检验合格率</translation>
        </message>
        <message>
            <source>Choose a department…</source>
            <translation>选择部门…</translation>
        </message>
        <message>
            <source>e.g. Passed</source>
            <translation>如：合格数</translation>
        </message>
        <message>
            <source>e.g. Inspected</source>
            <translation>如：检验数</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>目标值</translation>
        </message>
        <message>
            <source>What is measured, and how</source>
            <translation>测量什么，如何测量</translation>
        </message>
        <message>
            <source>T&amp;olerance:</source>
            <translation>容差(&amp;O)：</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>名称(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Department:</source>
            <translation>部门(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation>类型(&amp;K)：</translation>
        </message>
        <message>
            <source>Co&amp;unted:</source>
            <translation>计数项(&amp;U)：</translation>
        </message>
        <message>
            <source>U&amp;nit:</source>
            <translation>单位(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Target:</source>
            <translation>目标值(&amp;T)：</translation>
        </message>
        <message>
            <source>Di&amp;rection:</source>
            <translation>方向(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Frequency:</source>
            <translation>频率(&amp;F)：</translation>
        </message>
        <message>
            <source>O&amp;wner:</source>
            <translation>责任人(&amp;W)：</translation>
        </message>
        <message>
            <source>D&amp;escription:</source>
            <translation>描述(&amp;E)：</translation>
        </message>
        <message>
            <source>Fixed once measurements are recorded.</source>
            <translation>记录测量值后不可更改。</translation>
        </message>
        <message>
            <source>Met at {target} {unit} or more; at risk down to {edge} {unit}; missed below.</source>
            <translation>大于或等于 {target} {unit} 为达成；低至 {edge} {unit} 为有风险；更低为未达成。</translation>
        </message>
        <message>
            <source>Met at {target} {unit} or less; at risk up to {edge} {unit}; missed above.</source>
            <translation>小于或等于 {target} {unit} 为达成；高至 {edge} {unit} 为有风险；更高为未达成。</translation>
        </message>
    </context>
    <context>
        <name>ObjectivesPage</name>
        <message>
            <source>“{text}” is not a number.</source>
            <translation>“{text}”不是数字。</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <source>Numerator</source>
            <translation>分子</translation>
        </message>
        <message>
            <source>Denominator</source>
            <translation>分母</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Actual</source>
            <translation>实际值</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>缺失</translation>
        </message>
        <message>
            <source>No measurement is recorded for this period.</source>
            <translation>此期间没有记录测量值。</translation>
        </message>
        <message>
            <source>Not saved yet.</source>
            <translation>尚未保存。</translation>
        </message>
        <message>
            <source>The limits lie entirely above the target: the target is consistently met.</source>
            <translation>控制限完全高于目标值：目标持续达成。</translation>
        </message>
        <message>
            <source>The limits lie entirely below the target: the target is consistently met.</source>
            <translation>控制限完全低于目标值：目标持续达成。</translation>
        </message>
        <message>
            <source>The limits lie entirely below the target: the target is consistently missed.</source>
            <translation>控制限完全低于目标值：目标持续未达成。</translation>
        </message>
        <message>
            <source>The limits lie entirely above the target: the target is consistently missed.</source>
            <translation>控制限完全高于目标值：目标持续未达成。</translation>
        </message>
        <message>
            <source>The target lies inside the control limits: meeting it is a matter of chance.</source>
            <translation>目标值位于控制限之内：能否达成取决于偶然因素。</translation>
        </message>
        <message>
            <source>Control limits need at least two measured periods.</source>
            <translation>计算控制限至少需要两个已测量的期间。</translation>
        </message>
        <message>
            <source>Quality objectives</source>
            <translation>质量目标</translation>
        </message>
        <message>
            <source>New objective…</source>
            <translation>新建目标…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Search name, owner, description…</source>
            <translation>搜索名称、责任人、描述…</translation>
        </message>
        <message>
            <source>All departments</source>
            <translation>全部部门</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>No data</source>
            <translation>无数据</translation>
        </message>
        <message>
            <source>Show archived</source>
            <translation>显示已归档</translation>
        </message>
        <message>
            <source>Select an objective to see its measurements and control chart.</source>
            <translation>选择一个目标以查看其测量值和控制图。</translation>
        </message>
        <message>
            <source>Measurements</source>
            <translation>测量值</translation>
        </message>
        <message>
            <source>Type a number to fill a cell; Enter goes to the next number, Tab to the next cell.</source>
            <translation>输入数字填写单元格；Enter 跳到下一个数字，Tab 跳到下一个单元格。</translation>
        </message>
        <message>
            <source>Earlier period</source>
            <translation>更早期间</translation>
        </message>
        <message>
            <source>Add the period before the first row</source>
            <translation>在第一行之前添加期间</translation>
        </message>
        <message>
            <source>Add period</source>
            <translation>添加期间</translation>
        </message>
        <message>
            <source>Add the period after the last row</source>
            <translation>在最后一行之后添加期间</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>放弃</translation>
        </message>
        <message>
            <source>Forget the changes typed since the last save</source>
            <translation>放弃上次保存后输入的更改</translation>
        </message>
        <message>
            <source>Save measurements</source>
            <translation>保存测量值</translation>
        </message>
        <message>
            <source>Save every changed row at once (Ctrl+S); nothing is saved if a row is wrong</source>
            <translation>一次保存所有已更改的行 (Ctrl+S)；若有一行有误则全部不保存</translation>
        </message>
        <message>
            <source>Objective</source>
            <translation>目标</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>目标值</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Tolerance</source>
            <translation>容差</translation>
        </message>
        <message>
            <source>Frequency</source>
            <translation>频率</translation>
        </message>
        <message>
            <source>Last period</source>
            <translation>最近期间</translation>
        </message>
        <message>
            <source>Last value</source>
            <translation>最新值</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任人</translation>
        </message>
        <message numerus="yes">
            <source>%n objective(s)</source>
            <translation>
                <numerusform>%n 个目标</numerusform>
            </translation>
        </message>
        <message>
            <source>{shown} of {total}</source>
            <translation>{shown} / {total}</translation>
        </message>
        <message>
            <source>Target {target}</source>
            <translation>目标值 {target}</translation>
        </message>
        <message>
            <source>tolerance {tolerance}</source>
            <translation>容差 {tolerance}</translation>
        </message>
        <message>
            <source>owner {owner}</source>
            <translation>责任人 {owner}</translation>
        </message>
        <message>
            <source>archived</source>
            <translation>已归档</translation>
        </message>
        <message numerus="yes">
            <source>%n period(s) missing</source>
            <translation>
                <numerusform>缺失 %n 个期间</numerusform>
            </translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Measurements not saved</source>
            <translation>测量值未保存</translation>
        </message>
        <message>
            <source>Nothing was saved. Correct the marked cells:</source>
            <translation>未保存任何内容。请更正标记的单元格：</translation>
        </message>
        <message>
            <source>Baseline not frozen</source>
            <translation>基线未冻结</translation>
        </message>
        <message>
            <source>Chart not changed</source>
            <translation>控制图未更改</translation>
        </message>
        <message>
            <source>Restore the objective “{name}”?</source>
            <translation>恢复目标“{name}”？</translation>
        </message>
        <message>
            <source>Archive the objective “{name}”? It disappears from the list and the dashboard; its measurements are kept and it can be restored.</source>
            <translation>归档目标“{name}”？它将从列表和仪表板中消失；其测量值会被保留，之后可以恢复。</translation>
        </message>
    </context>
    <context>
        <name>OrganisationSection</name>
        <message>
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <source>Shown on reports and exports</source>
            <translation>显示在报告和导出文件中</translation>
        </message>
        <message>
            <source>Quarters and yearly figures count from this month.</source>
            <translation>季度和年度数据从此月份开始计算。</translation>
        </message>
        <message>
            <source>Company name:</source>
            <translation>公司名称：</translation>
        </message>
        <message>
            <source>Fiscal year starts in:</source>
            <translation>财年起始月份：</translation>
        </message>
        <message>
            <source>Departments</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Department name</source>
            <translation>部门名称</translation>
        </message>
        <message>
            <source>Risk categories</source>
            <translation>风险类别</translation>
        </message>
        <message>
            <source>Category name</source>
            <translation>类别名称</translation>
        </message>
        <message>
            <source>Select an entry to rename, archive or restore it. Archived entries stay on existing records but are no longer offered for new ones.</source>
            <translation>选择一个条目以重命名、归档或恢复。已归档的条目仍保留在现有记录中，但不再供新记录选用。</translation>
        </message>
        <message>
            <source>Save company</source>
            <translation>保存公司信息</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>组织</translation>
        </message>
        <message>
            <source>The company settings were not saved</source>
            <translation>公司设置未保存</translation>
        </message>
        <message>
            <source>Company settings saved.</source>
            <translation>公司设置已保存。</translation>
        </message>
    </context>
    <context>
        <name>OverwriteNote</name>
        <message>
            <source>Compare again…</source>
            <translation>再次比较…</translation>
        </message>
        <message>
            <source>Show both versions side by side again</source>
            <translation>再次并排显示两个版本</translation>
        </message>
        <message>
            <source>Saving replaces these changes saved by {saver}: {fields} (marked in the form).</source>
            <translation>保存将覆盖 {saver} 保存的以下更改：{fields}（已在表单中标出）。</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Password of {user} for the register {where}:</source>
            <translation>{user} 在登记册 {where} 的密码：</translation>
        </message>
        <message>
            <source>&amp;Connect</source>
            <translation>连接(&amp;C)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>PolicySection</name>
        <message>
            <source>Quality policy</source>
            <translation>质量方针</translation>
        </message>
        <message>
            <source>The policy is shown on the dashboard and in the quarterly report.</source>
            <translation>质量方针显示在仪表板和季度报告中。</translation>
        </message>
        <message>
            <source>What the company commits to about quality…</source>
            <translation>公司在质量方面的承诺…</translation>
        </message>
        <message>
            <source>Approved on:</source>
            <translation>批准日期：</translation>
        </message>
        <message>
            <source>Save policy</source>
            <translation>保存方针</translation>
        </message>
        <message>
            <source>No change recorded yet.</source>
            <translation>尚无更改记录。</translation>
        </message>
        <message>
            <source>Last changed by {user} on {when}</source>
            <translation>最近由 {user} 于 {when} 修改</translation>
        </message>
        <message>
            <source>{n} / {max} characters</source>
            <translation>{n} / {max} 个字符</translation>
        </message>
        <message>
            <source>The quality policy was not saved</source>
            <translation>质量方针未保存</translation>
        </message>
        <message>
            <source>Quality policy saved.</source>
            <translation>质量方针已保存。</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <source>3  Check the rows</source>
            <translation>3  检查各行</translation>
        </message>
        <message>
            <source>Every row is checked against the register; nothing is written until you import.</source>
            <translation>每一行都已与登记册核对；在您导入之前不会写入任何内容。</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>导入(&amp;I)</translation>
        </message>
        <message>
            <source>Show only &amp;problems</source>
            <translation>仅显示问题(&amp;P)</translation>
        </message>
        <message>
            <source>Check &amp;again</source>
            <translation>重新检查(&amp;A)</translation>
        </message>
        <message>
            <source>Read the workbook again (after you corrected it in Excel and saved it) and check every row</source>
            <translation>重新读取工作簿（在 Excel 中更正并保存后）并检查每一行</translation>
        </message>
        <message>
            <source>The rows are being checked.</source>
            <translation>正在检查各行。</translation>
        </message>
        <message>
            <source>Check the rows first.</source>
            <translation>请先检查各行。</translation>
        </message>
        <message>
            <source>Nothing can be imported while there are problems ({count}): correct them in the workbook and click Check again, or change the columns or defaults on the previous step.</source>
            <translation>存在问题（{count} 个）时无法导入：请在工作簿中更正后点击“重新检查”，或在上一步更改列或默认值。</translation>
        </message>
        <message>
            <source>Nothing to import: every row is already in OpsDesk as it is in the workbook.</source>
            <translation>无需导入：每一行都已按工作簿中的内容存在于 OpsDesk 中。</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Indicator</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>Reading</source>
            <translation>读数</translation>
        </message>
        <message>
            <source>Objective</source>
            <translation>目标</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>更改</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>In the workbook: {text}</source>
            <translation>工作簿中为：{text}</translation>
        </message>
        <message>
            <source>Checking every row…</source>
            <translation>正在检查每一行…</translation>
        </message>
        <message>
            <source>Every problem ({count}):</source>
            <translation>全部问题（{count}）：</translation>
        </message>
        <message>
            <source>The rows could not be checked.</source>
            <translation>无法检查各行。</translation>
        </message>
        <message>
            <source>Nothing was imported: {reason}</source>
            <translation>未导入任何内容：{reason}</translation>
        </message>
        <message>
            <source>row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>rows</source>
            <translation>行</translation>
        </message>
        <message>
            <source>reading</source>
            <translation>个读数</translation>
        </message>
        <message>
            <source>readings</source>
            <translation>个读数</translation>
        </message>
        <message>
            <source>measurement</source>
            <translation>个测量值</translation>
        </message>
        <message>
            <source>measurements</source>
            <translation>个测量值</translation>
        </message>
        <message>
            <source>{count} to create</source>
            <translation>新建 {count}</translation>
        </message>
        <message>
            <source>{count} to update</source>
            <translation>更新 {count}</translation>
        </message>
        <message>
            <source>{count} unchanged</source>
            <translation>未更改 {count}</translation>
        </message>
        <message>
            <source>1 problem</source>
            <translation>1 个问题</translation>
        </message>
        <message>
            <source>{count} problems</source>
            <translation>{count} 个问题</translation>
        </message>
        <message>
            <source>{total} {noun}: {parts}; {problems}</source>
            <translation>{total} {noun}：{parts}；{problems}</translation>
        </message>
    </context>
    <context>
        <name>ReadingDialog</name>
        <message>
            <source>Add reading</source>
            <translation>添加读数</translation>
        </message>
        <message>
            <source>Value read</source>
            <translation>读取的数值</translation>
        </message>
        <message>
            <source>Optional: what explains this value</source>
            <translation>可选：此数值的原因说明</translation>
        </message>
        <message>
            <source>&amp;Date:</source>
            <translation>日期(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Value:</source>
            <translation>数值(&amp;V)：</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>备注(&amp;N)：</translation>
        </message>
        <message>
            <source>State:</source>
            <translation>状态：</translation>
        </message>
        <message>
            <source>Enter the value read.</source>
            <translation>请输入读取的数值。</translation>
        </message>
        <message>
            <source>Type a value</source>
            <translation>请输入数值</translation>
        </message>
    </context>
    <context>
        <name>ReadingDialogs</name>
        <message>
            <source>Warning {sign} {warning}{unit} · Alarm {sign} {alarm}{unit}</source>
            <translation>预警 {sign} {warning}{unit} · 报警 {sign} {alarm}{unit}</translation>
        </message>
        <message>
            <source>Last reading {value}{unit} on {date}</source>
            <translation>最近读数 {value}{unit}（{date}）</translation>
        </message>
        <message>
            <source>No reading yet</source>
            <translation>尚无读数</translation>
        </message>
    </context>
    <context>
        <name>ReadingGridDialog</name>
        <message>
            <source>Add readings</source>
            <translation>批量添加读数</translation>
        </message>
        <message>
            <source>Type a date ({formats}) and a value per row; Tab or Enter moves on, Ctrl+V pastes rows copied from Excel. Empty rows are ignored. Nothing is saved unless every row is valid.</source>
            <translation>每行输入日期（{formats}）和数值；按 Tab 或 Enter 移到下一格，Ctrl+V 粘贴从 Excel 复制的行。空行将被忽略。只有所有行都有效时才会保存。</translation>
        </message>
        <message>
            <source>Row {number}</source>
            <translation>第 {number} 行</translation>
        </message>
        <message>
            <source>Enter at least one reading.</source>
            <translation>请至少输入一个读数。</translation>
        </message>
        <message>
            <source>Type the date as {formats}.</source>
            <translation>请按 {formats} 格式输入日期。</translation>
        </message>
        <message>
            <source>The value is required.</source>
            <translation>数值为必填项。</translation>
        </message>
        <message>
            <source>The value must be a number.</source>
            <translation>数值必须是数字。</translation>
        </message>
    </context>
    <context>
        <name>ReadingGridModel</name>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
    </context>
    <context>
        <name>Recovery</name>
        <message>
            <source>automatic, on opening</source>
            <translation>自动，打开时</translation>
        </message>
        <message>
            <source>on request</source>
            <translation>手动</translation>
        </message>
        <message>
            <source>before an upgrade</source>
            <translation>升级前</translation>
        </message>
        <message>
            <source>before a restore</source>
            <translation>恢复前</translation>
        </message>
        <message>
            <source>{size} KB</source>
            <translation>{size} KB</translation>
        </message>
        <message>
            <source>Choose a backup to restore</source>
            <translation>选择要恢复的备份</translation>
        </message>
        <message>
            <source>OpsDesk database (*.db);;All files (*)</source>
            <translation>OpsDesk 数据库 (*.db);;所有文件 (*)</translation>
        </message>
    </context>
    <context>
        <name>RecoveryDialog</name>
        <message>
            <source>Recover the register</source>
            <translation>恢复登记册</translation>
        </message>
        <message>
            <source>{path} is not a SQLite database: its first bytes are not those of a database file. It may have been overwritten by another program.</source>
            <translation>{path} 不是 SQLite 数据库：其开头字节不是数据库文件的格式。它可能已被其他程序覆盖。</translation>
        </message>
        <message>
            <source> (and {count} more problems)</source>
            <translation>（另有 {count} 个问题）</translation>
        </message>
        <message>
            <source>{path} is damaged. SQLite's check reports: {detail}</source>
            <translation>{path} 已损坏。SQLite 检查报告：{detail}</translation>
        </message>
        <message>
            <source>OpsDesk has not changed it. If you restore a backup, the damaged file is kept beside it as {name}.broken-&lt;date and time&gt;, never overwritten or deleted, so it can still be examined.</source>
            <translation>OpsDesk 未对其做任何更改。如果您恢复备份，损坏的文件将以 {name}.broken-&lt;日期和时间&gt; 的名称保留在旁边，绝不会被覆盖或删除，以便日后检查。</translation>
        </message>
        <message>
            <source>The newest good backup was taken on {when} ({why}). Restoring it brings the register back as it was then; changes made after that are not in it.</source>
            <translation>最新的完好备份创建于 {when}（{why}）。恢复后登记册将回到当时的状态；之后的更改不包含在内。</translation>
        </message>
        <message>
            <source>No good backup of this register was found in {folder}. You can restore from another file, such as a copy on another disk.</source>
            <translation>在 {folder} 中没有找到此登记册的完好备份。您可以从其他文件恢复，例如另一个磁盘上的副本。</translation>
        </message>
        <message>
            <source>Restore the newest good backup</source>
            <translation>恢复最新的完好备份</translation>
        </message>
        <message>
            <source>Restore from another file…</source>
            <translation>从其他文件恢复…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>This register cannot be opened</source>
            <translation>无法打开此登记册</translation>
        </message>
    </context>
    <context>
        <name>RegisterPasswordDialog</name>
        <message>
            <source>Encrypted register</source>
            <translation>加密的登记册</translation>
        </message>
        <message>
            <source>Password of the encrypted register {path}:</source>
            <translation>加密登记册 {path} 的密码：</translation>
        </message>
        <message>
            <source>Remember in the system keyring</source>
            <translation>记住在系统钥匙串中</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>打开(&amp;O)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>{path} is a folder: choose a file name ending in .xlsx.</source>
            <translation>{path} 是一个文件夹：请选择以 .xlsx 结尾的文件名。</translation>
        </message>
        <message>
            <source>OpsDesk may not write {path}. Is it open in Excel, or is the folder read-only?</source>
            <translation>OpsDesk 无法写入 {path}。该文件是否已在 Excel 中打开，或文件夹是只读的？</translation>
        </message>
        <message>
            <source>Could not write {path}: {reason}.</source>
            <translation>无法写入 {path}：{reason}。</translation>
        </message>
        <message>
            <source>The export stopped: {error}</source>
            <translation>导出已中止：{error}</translation>
        </message>
        <message>
            <source>Reopen {quarter}</source>
            <translation>重新打开 {quarter}</translation>
        </message>
        <message>
            <source>Why is {quarter} reopened? The reason is kept in the audit trail.</source>
            <translation>为什么重新打开 {quarter}？原因会记录在审计记录中。</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报告</translation>
        </message>
        <message>
            <source>Quarterly report in Excel</source>
            <translation>Excel 季度报告</translation>
        </message>
        <message>
            <source>One workbook for a fiscal quarter, to send to management: a summary with the heatmap, the risk register, the methodology, and the lists you choose below.</source>
            <translation>每个财季一个工作簿，供提交管理层：包括附热力图的摘要、风险登记册、方法说明，以及您在下方选择的清单。</translation>
        </message>
        <message>
            <source>Choose a quarter or type one, such as 2026-Q3</source>
            <translation>选择或输入季度，如 2026-Q3</translation>
        </message>
        <message>
            <source>Always included</source>
            <translation>始终包含</translation>
        </message>
        <message>
            <source>Where to save the workbook (.xlsx)</source>
            <translation>工作簿 (.xlsx) 的保存位置</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <source>Choose the folder and the name of the workbook</source>
            <translation>选择工作簿的文件夹和名称</translation>
        </message>
        <message>
            <source>Open the file when done</source>
            <translation>完成后打开文件</translation>
        </message>
        <message>
            <source>Protect with a password</source>
            <translation>使用密码保护</translation>
        </message>
        <message>
            <source>Excel and LibreOffice ask for this password to open the workbook</source>
            <translation>Excel 和 LibreOffice 打开此工作簿时会要求输入该密码</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>The same password again</source>
            <translation>再次输入相同的密码</translation>
        </message>
        <message>
            <source>&amp;Quarter:</source>
            <translation>季度(&amp;Q)：</translation>
        </message>
        <message>
            <source>&amp;Save as:</source>
            <translation>另存为(&amp;S)：</translation>
        </message>
        <message>
            <source>Include:</source>
            <translation>包含：</translation>
        </message>
        <message>
            <source>&amp;Export</source>
            <translation>导出(&amp;E)</translation>
        </message>
        <message>
            <source>Management pack (PDF)…</source>
            <translation>管理层报告（PDF）…</translation>
        </message>
        <message>
            <source>A PDF for the quarter's management meeting: summary, heatmaps, top risks, KRI breaches, control charts, Pareto, suggestions</source>
            <translation>供季度管理层会议使用的 PDF：摘要、热力图、重大风险、超限指标、控制图、帕累托图、改进建议</translation>
        </message>
        <message>
            <source>Import from Excel</source>
            <translation>从 Excel 导入</translation>
        </message>
        <message>
            <source>Bring in the workbooks you already keep. You match the columns to OpsDesk's fields and see every row checked first; nothing is written unless every row is valid.</source>
            <translation>导入您已有的工作簿。您将各列对应到 OpsDesk 的字段，并先查看每一行的检查结果；只有所有行都有效时才会写入。</translation>
        </message>
        <message>
            <source>Import &amp;risks…</source>
            <translation>导入风险(&amp;R)…</translation>
        </message>
        <message>
            <source>Import &amp;KRI readings…</source>
            <translation>导入关键风险指标读数(&amp;K)…</translation>
        </message>
        <message>
            <source>Import &amp;measurements…</source>
            <translation>导入测量值(&amp;M)…</translation>
        </message>
        <message>
            <source>A risk register: new rows create risks, rows with an OpsDesk code update them</source>
            <translation>风险登记册：新行将新建风险，带 OpsDesk 编号的行将更新对应风险</translation>
        </message>
        <message>
            <source>Indicator readings: one row per KRI, date and value</source>
            <translation>指标读数：每个指标、日期和数值一行</translation>
        </message>
        <message>
            <source>Quality objective measurements: one row per objective and period</source>
            <translation>质量目标测量值：每个目标和期间一行</translation>
        </message>
        <message>
            <source>Save a copy of the import template…</source>
            <translation>保存一份导入模板…</translation>
        </message>
        <message>
            <source>A blank workbook with OpsDesk's columns and instructions</source>
            <translation>包含 OpsDesk 列和说明的空白工作簿</translation>
        </message>
        <message>
            <source>Quarters</source>
            <translation>季度</translation>
        </message>
        <message>
            <source>Closing a quarter keeps its report as it stands: exporting it again gives the same figures and rows, with the audit trail's entry it was closed at. Reopening needs a reason.</source>
            <translation>结账会按当时的状态保存季度报告：再次导出时数字和行都相同，并注明结账时审计记录的条目。重新打开需要说明原因。</translation>
        </message>
        <message>
            <source>Quarter</source>
            <translation>季度</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Closed / reopened</source>
            <translation>结账 / 重新打开</translation>
        </message>
        <message>
            <source>&amp;Close quarter</source>
            <translation>结账(&amp;C)</translation>
        </message>
        <message>
            <source>Keep the selected quarter's report as it stands (administrators)</source>
            <translation>按当前状态保存所选季度的报告（管理员）</translation>
        </message>
        <message>
            <source>&amp;Reopen…</source>
            <translation>重新打开(&amp;R)…</translation>
        </message>
        <message>
            <source>Reopen the selected closed quarter, giving the reason</source>
            <translation>重新打开所选已结账季度，并说明原因</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>未结账</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>已结账</translation>
        </message>
        <message>
            <source>Reopened</source>
            <translation>已重新打开</translation>
        </message>
        <message>
            <source>{day} by {user}; history up to entry #{entry}</source>
            <translation>{day} 由 {user} 结账；审计记录截至第 {entry} 条</translation>
        </message>
        <message>
            <source>{day} by {user}: {reason}</source>
            <translation>{day} 由 {user} 重新打开：{reason}</translation>
        </message>
        <message>
            <source>Cannot close the quarter</source>
            <translation>无法结账</translation>
        </message>
        <message>
            <source>Cannot reopen the quarter</source>
            <translation>无法重新打开季度</translation>
        </message>
        <message>
            <source>Type a quarter such as 2026-Q3 (quarters 1 to 4).</source>
            <translation>请输入季度，如 2026-Q3（第 1 至 4 季度）。</translation>
        </message>
        <message>
            <source>{first} to {last}</source>
            <translation>{first} 至 {last}</translation>
        </message>
        <message>
            <source>{range} (in progress)</source>
            <translation>{range}（进行中）</translation>
        </message>
        <message>
            <source>{range} (not started)</source>
            <translation>{range}（未开始）</translation>
        </message>
        <message>
            <source>An export is running.</source>
            <translation>正在导出。</translation>
        </message>
        <message>
            <source>Choose a quarter.</source>
            <translation>请选择季度。</translation>
        </message>
        <message>
            <source>Choose where to save the workbook.</source>
            <translation>请选择工作簿的保存位置。</translation>
        </message>
        <message>
            <source>Write the workbook (it runs in the background)</source>
            <translation>写入工作簿（在后台运行）</translation>
        </message>
        <message>
            <source>Save the quarterly report</source>
            <translation>保存季度报告</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Exporting {quarter}…</source>
            <translation>正在导出 {quarter}…</translation>
        </message>
        <message>
            <source>Management pack</source>
            <translation>管理层报告</translation>
        </message>
        <message>
            <source>Save the management pack</source>
            <translation>保存管理层报告</translation>
        </message>
        <message>
            <source>PDF document (*.pdf)</source>
            <translation>PDF 文档 (*.pdf)</translation>
        </message>
        <message>
            <source>Writing the management pack for {quarter}…</source>
            <translation>正在生成 {quarter} 的管理层报告…</translation>
        </message>
        <message>
            <source>Wrote the management pack for {quarter} to {path} ({pages} pages).</source>
            <translation>已将 {quarter} 的管理层报告保存到 {path}（{pages} 页）。</translation>
        </message>
        <message>
            <source>Exported {quarter} to {path} ({sheets} sheets, {rows} rows).</source>
            <translation>已将 {quarter} 导出到 {path}（{sheets} 个工作表，{rows} 行）。</translation>
        </message>
        <message>
            <source>The export did not finish; nothing was written.</source>
            <translation>导出未完成；未写入任何内容。</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
        <message>
            <source>Template saved to {path}.</source>
            <translation>模板已保存到 {path}。</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore from backup</source>
            <translation>从备份恢复</translation>
        </message>
        <message>
            <source>Taken</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>There are no backups of this register in {folder} yet. Choose a file to restore instead.</source>
            <translation>{folder} 中还没有此登记册的备份。请改为选择一个文件进行恢复。</translation>
        </message>
        <message>
            <source>Choose file…</source>
            <translation>选择文件…</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>The register {path} is replaced by the backup you choose, after a check that it is a healthy OpsDesk database. The current register is backed up first, so a restore can itself be undone.</source>
            <translation>经检查确认所选备份是完好的 OpsDesk 数据库后，将用它替换登记册 {path}。当前登记册会先行备份，因此恢复操作本身也可以撤销。</translation>
        </message>
    </context>
    <context>
        <name>ResultPage</name>
        <message>
            <source>4  Import</source>
            <translation>4  导入</translation>
        </message>
        <message>
            <source>Every row was written in one go.</source>
            <translation>所有行已一次性写入。</translation>
        </message>
        <message>
            <source>Import done</source>
            <translation>导入完成</translation>
        </message>
        <message>
            <source>{kind} from {name}, sheet '{sheet}' (header in row {row}).</source>
            <translation>{kind}，来自 {name}，工作表“{sheet}”（表头在第 {row} 行）。</translation>
        </message>
        <message>
            <source>The OpsDesk code of each workbook ID:</source>
            <translation>每个工作簿编号对应的 OpsDesk 编号：</translation>
        </message>
        <message>
            <source>Workbook ID</source>
            <translation>工作簿编号</translation>
        </message>
        <message>
            <source>OpsDesk code</source>
            <translation>OpsDesk 编号</translation>
        </message>
        <message>
            <source>New risks:</source>
            <translation>新风险：</translation>
        </message>
        <message>
            <source>{created} readings recorded, {unchanged} already there.</source>
            <translation>已记录 {created} 个读数，{unchanged} 个已存在。</translation>
        </message>
        <message>
            <source>{unchanged} unchanged, {updated} updated, {created} created.</source>
            <translation>{unchanged} 项未更改，更新 {updated} 项，新建 {created} 项风险。</translation>
        </message>
        <message>
            <source>{created} measurements created, {updated} updated, {unchanged} unchanged.</source>
            <translation>新建 {created} 个测量值，更新 {updated} 个，{unchanged} 个未更改。</translation>
        </message>
        <message>
            <source>Imported: {what}</source>
            <translation>已导入：{what}</translation>
        </message>
    </context>
    <context>
        <name>ReviewSection</name>
        <message>
            <source>Review intervals</source>
            <translation>评审周期</translation>
        </message>
        <message>
            <source>How many days after an assessment a risk of each level is due for its next review.</source>
            <translation>各等级风险在评估后多少天需要进行下一次评审。</translation>
        </message>
        <message>
            <source>Save intervals</source>
            <translation>保存周期</translation>
        </message>
        <message>
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <source>The review intervals were not saved</source>
            <translation>评审周期未保存</translation>
        </message>
        <message>
            <source>Review intervals saved.</source>
            <translation>评审周期已保存。</translation>
        </message>
    </context>
    <context>
        <name>ReviewSuggestionDialog</name>
        <message>
            <source>Review suggestion {code}</source>
            <translation>评审改进建议 {code}</translation>
        </message>
        <message>
            <source>Submitted {day} by {who} ({department}) · now {status}</source>
            <translation>{who}（{department}）于 {day} 提交 · 当前状态：{status}</translation>
        </message>
        <message>
            <source>Expected benefit: {text}</source>
            <translation>预期收益：{text}</translation>
        </message>
        <message>
            <source>Estimated cost: {cost:,.2f}</source>
            <translation>预估费用：{cost:,.2f}</translation>
        </message>
        <message>
            <source>Earlier note: {text}</source>
            <translation>之前的说明：{text}</translation>
        </message>
        <message>
            <source>Who decides</source>
            <translation>由谁决定</translation>
        </message>
        <message>
            <source>Why this decision (required to reject)</source>
            <translation>决定理由（不采纳时必填）</translation>
        </message>
        <message>
            <source>points</source>
            <translation>积分</translation>
        </message>
        <message>
            <source>money</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>What the change actually brought</source>
            <translation>改进带来的实际效果</translation>
        </message>
        <message>
            <source>&amp;Move to</source>
            <translation>转为(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Reviewer</source>
            <translation>评审人(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;On</source>
            <translation>日期(&amp;O)</translation>
        </message>
        <message>
            <source>Decision &amp;note</source>
            <translation>决定说明(&amp;N)</translation>
        </message>
        <message>
            <source>Reward &amp;points</source>
            <translation>奖励积分(&amp;P)</translation>
        </message>
        <message>
            <source>Reward &amp;amount</source>
            <translation>奖励金额(&amp;A)</translation>
        </message>
        <message>
            <source>Realised &amp;benefit</source>
            <translation>实际收益(&amp;B)</translation>
        </message>
        <message>
            <source>{status} is a final status: this suggestion cannot move any more.</source>
            <translation>“{status}”是最终状态：此改进建议无法再变更。</translation>
        </message>
        <message>
            <source>Move to {status}</source>
            <translation>转为“{status}”</translation>
        </message>
    </context>
    <context>
        <name>RiskEditor</name>
        <message>
            <source>Archived</source>
            <translation>已归档</translation>
        </message>
        <message>
            <source>&amp;Identification</source>
            <translation>识别(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Assessment</source>
            <translation>评估(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Response</source>
            <translation>应对(&amp;R)</translation>
        </message>
        <message>
            <source>Ac&amp;tions</source>
            <translation>措施(&amp;T)</translation>
        </message>
        <message>
            <source>In&amp;dicators</source>
            <translation>指标(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;History</source>
            <translation>历史(&amp;H)</translation>
        </message>
        <message>
            <source>Appl&amp;y</source>
            <translation>应用(&amp;Y)</translation>
        </message>
        <message>
            <source>Save and keep this window open</source>
            <translation>保存并保持此窗口打开</translation>
        </message>
        <message>
            <source>A short name for the risk</source>
            <translation>风险的简短名称</translation>
        </message>
        <message>
            <source>What could happen</source>
            <translation>可能发生什么</translation>
        </message>
        <message>
            <source>Why it could happen</source>
            <translation>为什么可能发生</translation>
        </message>
        <message>
            <source>What it would do to us</source>
            <translation>对我们会造成什么影响</translation>
        </message>
        <message>
            <source>Who looks after it</source>
            <translation>由谁负责</translation>
        </message>
        <message>
            <source>Set</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Left empty, the next review follows the level's review interval.</source>
            <translation>留空时，下次评审按该等级的评审周期确定。</translation>
        </message>
        <message>
            <source>Tit&amp;le</source>
            <translation>标题(&amp;L)</translation>
        </message>
        <message>
            <source>D&amp;escription</source>
            <translation>描述(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Cause</source>
            <translation>原因(&amp;C)</translation>
        </message>
        <message>
            <source>Co&amp;nsequence</source>
            <translation>后果(&amp;N)</translation>
        </message>
        <message>
            <source>Cate&amp;gory</source>
            <translation>类别(&amp;G)</translation>
        </message>
        <message>
            <source>&amp;Source</source>
            <translation>来源(&amp;S)</translation>
        </message>
        <message>
            <source>De&amp;partment</source>
            <translation>部门(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation>责任人(&amp;O)</translation>
        </message>
        <message>
            <source>Identified on</source>
            <translation>识别日期</translation>
        </message>
        <message>
            <source>Stat&amp;us</source>
            <translation>状态(&amp;U)</translation>
        </message>
        <message>
            <source>Next review</source>
            <translation>下次评审</translation>
        </message>
        <message>
            <source>Without a date, the next review follows the review interval of the risk's level.</source>
            <translation>未设日期时，下次评审按风险等级的评审周期确定。</translation>
        </message>
        <message>
            <source>Inherent: before any control. Residual: with the controls in place today. Target: where the actions should bring it. The risk appetite is {appetite}: a residual level above it must be treated or formally accepted (Response tab).</source>
            <translation>固有风险：未采取任何控制前。剩余风险：考虑当前已有控制后。目标风险：措施完成后应达到的水平。风险偏好为 {appetite}：高于该等级的剩余风险必须处理或正式接受（见“应对”选项卡）。</translation>
        </message>
        <message>
            <source>— Not decided —</source>
            <translation>— 未决定 —</translation>
        </message>
        <message>
            <source>Why this response</source>
            <translation>应对理由</translation>
        </message>
        <message>
            <source>Formal acceptance</source>
            <translation>正式接受</translation>
        </message>
        <message>
            <source>Approved &amp;by</source>
            <translation>批准人(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Justification</source>
            <translation>理由(&amp;J)</translation>
        </message>
        <message>
            <source>Accepted on</source>
            <translation>接受日期</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>到期日期</translation>
        </message>
        <message>
            <source>&amp;Strategy</source>
            <translation>应对策略(&amp;S)</translation>
        </message>
        <message>
            <source>Rationa&amp;le</source>
            <translation>理由说明(&amp;L)</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>措施</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>截止日期</translation>
        </message>
        <message>
            <source>Overdue by {days} days</source>
            <translation>已逾期 {days} 天</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source> · overdue</source>
            <translation> · 逾期</translation>
        </message>
        <message>
            <source>Done on</source>
            <translation>完成日期</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>费用</translation>
        </message>
        <message>
            <source>Add action…</source>
            <translation>添加措施…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>标记完成</translation>
        </message>
        <message>
            <source>Save the risk now</source>
            <translation>立即保存风险</translation>
        </message>
        <message>
            <source>Overdue actions are shown in red. Actions are saved as soon as you confirm them.</source>
            <translation>逾期措施以红色显示。措施一经确认即被保存。</translation>
        </message>
        <message>
            <source>Indicator</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>Last value</source>
            <translation>最新值</translation>
        </message>
        <message>
            <source>Read on</source>
            <translation>读取日期</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>No reading</source>
            <translation>无读数</translation>
        </message>
        <message>
            <source>Warning at</source>
            <translation>预警阈值</translation>
        </message>
        <message>
            <source>Alarm at</source>
            <translation>报警阈值</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Reading due</source>
            <translation>应读日期</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <source>Indicators are defined and read on the Indicators and alerts page.</source>
            <translation>指标在“指标与警报”页面中定义和读取。</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>What</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>字段</translation>
        </message>
        <message>
            <source>Old → new</source>
            <translation>旧值 → 新值</translation>
        </message>
        <message>
            <source>Changes to this risk (newest first)</source>
            <translation>此风险的更改记录（最新的在前）</translation>
        </message>
        <message>
            <source>— Choose a department —</source>
            <translation>— 选择部门 —</translation>
        </message>
        <message>
            <source>— Choose a category —</source>
            <translation>— 选择类别 —</translation>
        </message>
        <message>
            <source>Indicators can be linked to the risk once it is saved.</source>
            <translation>风险保存后才能关联指标。</translation>
        </message>
        <message>
            <source>No key risk indicator is linked to this risk yet.</source>
            <translation>此风险尚未关联关键风险指标。</translation>
        </message>
        <message>
            <source>New risk</source>
            <translation>新建风险</translation>
        </message>
        <message>
            <source>Risk {code}</source>
            <translation>风险 {code}</translation>
        </message>
        <message>
            <source>No residual assessment yet; the appetite is {appetite}.</source>
            <translation>尚无剩余风险评估；风险偏好为 {appetite}。</translation>
        </message>
        <message>
            <source>The residual level {level} is above the appetite ({appetite}): reduce, avoid or transfer the risk, or accept it formally with an approver, a justification and an expiry date.</source>
            <translation>剩余风险等级“{level}”超出风险偏好（“{appetite}”）：请降低、规避或转移该风险，或在填写批准人、理由和到期日期后正式接受。</translation>
        </message>
        <message>
            <source>The residual level {level} is within the appetite ({appetite}).</source>
            <translation>剩余风险等级“{level}”在风险偏好（“{appetite}”）之内。</translation>
        </message>
        <message>
            <source>Required: the residual level is above the appetite.</source>
            <translation>必填：剩余风险等级超出风险偏好。</translation>
        </message>
        <message>
            <source>Optional while the residual level is within the appetite.</source>
            <translation>剩余风险等级在风险偏好之内时可选。</translation>
        </message>
        <message>
            <source>Someone else saved this risk after you opened it, so your changes were not saved (saved by {saver}). Your input is still here: compare both sides, then use theirs, keep yours or merge. Nothing is saved until you click Save again.</source>
            <translation>在您打开此风险后，其他人保存了它，因此您的更改未保存（保存人 {saver}）。您的输入仍在此处：请比较双方版本，然后使用他人版本、保留您的版本或合并。在您再次点击“保存”之前不会保存任何内容。</translation>
        </message>
        <message>
            <source>They also archived the risk; saving keeps it archived.</source>
            <translation>对方还归档了此风险；保存后它仍保持归档状态。</translation>
        </message>
        <message>
            <source>Use their version</source>
            <translation>使用他人版本</translation>
        </message>
        <message>
            <source>Discard your changes to this risk and load it as it is saved now?</source>
            <translation>放弃您对此风险的更改，并加载当前已保存的版本？</translation>
        </message>
        <message>
            <source>Discard my changes</source>
            <translation>放弃我的更改</translation>
        </message>
        <message>
            <source>Merged into the form. Their changes taken: {theirs}. Your changes kept: {mine}. Where you both changed a field, your pick in the last column decides. Check the form; nothing is saved until you click Save.</source>
            <translation>已合并到表单。采用的他人更改：{theirs}。保留的您的更改：{mine}。双方都修改的字段以您在最后一列的选择为准。请检查表单；在您点击“保存”之前不会保存任何内容。</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>{kind} likelihood × impact</source>
            <translation>{kind}可能性 × 影响</translation>
        </message>
        <message>
            <source>Not assessed</source>
            <translation>未评估</translation>
        </message>
        <message>
            <source>Not decided</source>
            <translation>未决定</translation>
        </message>
        <message>
            <source>Saving replaces the value {user} saved: {value}</source>
            <translation>保存将覆盖 {user} 保存的值：{value}</translation>
        </message>
        <message>
            <source>someone else</source>
            <translation>其他人</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>（空）</translation>
        </message>
        <message>
            <source>Saving replaces none of their changes.</source>
            <translation>保存不会覆盖他人的任何更改。</translation>
        </message>
        <message>
            <source>Choose how to settle the conflict above: use theirs, keep mine or merge.</source>
            <translation>请选择如何解决上方的冲突：使用他人版本、保留我的版本或合并。</translation>
        </message>
        <message>
            <source>Pick theirs or yours for {fields} in the comparison above.</source>
            <translation>请在上方的比较中为{fields}选择他人的或您的值。</translation>
        </message>
        <message>
            <source>Actions can be added once the risk is saved. Click “Save the risk now” (or Apply) to save it and stay in this window.</source>
            <translation>风险保存后才能添加措施。点击“立即保存风险”（或“应用”）保存并留在此窗口。</translation>
        </message>
        <message>
            <source>This risk has no actions yet. Add one to plan its treatment.</source>
            <translation>此风险尚无措施。请添加措施以规划其处理。</translation>
        </message>
        <message>
            <source>Score over time</source>
            <translation>分值变化趋势</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>分值</translation>
        </message>
        <message>
            <source>No assessments yet</source>
            <translation>尚无评估</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>创建</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>Restored</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>删除</translation>
        </message>
    </context>
    <context>
        <name>RisksPage</name>
        <message>
            <source>Risks</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>&amp;New risk</source>
            <translation>新建风险(&amp;N)</translation>
        </message>
        <message>
            <source>Register a new risk (Ctrl+N)</source>
            <translation>登记新风险 (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>打开(&amp;O)</translation>
        </message>
        <message>
            <source>Open the selected risk (Enter or double-click)</source>
            <translation>打开所选风险（Enter 或双击）</translation>
        </message>
        <message>
            <source>&amp;Bulk edit…</source>
            <translation>批量编辑(&amp;B)…</translation>
        </message>
        <message>
            <source>Change owner, department, status or next review of the selected risks</source>
            <translation>修改所选风险的责任人、部门、状态或下次评审日期</translation>
        </message>
        <message>
            <source>&amp;Archive</source>
            <translation>归档(&amp;A)</translation>
        </message>
        <message>
            <source>Archive the selected risks (Delete); nothing is lost</source>
            <translation>归档所选风险 (Delete)；不会丢失任何内容</translation>
        </message>
        <message>
            <source>&amp;Restore</source>
            <translation>恢复(&amp;R)</translation>
        </message>
        <message>
            <source>Bring archived risks back into the register</source>
            <translation>将已归档的风险恢复到登记册</translation>
        </message>
        <message>
            <source>Search code, title, description, owner…</source>
            <translation>搜索编号、标题、描述、责任人…</translation>
        </message>
        <message>
            <source>Above appetite</source>
            <translation>超出风险偏好</translation>
        </message>
        <message>
            <source>Review overdue</source>
            <translation>评审逾期</translation>
        </message>
        <message>
            <source>Show archived</source>
            <translation>显示已归档</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>清除筛选</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Inherent level</source>
            <translation>固有风险等级</translation>
        </message>
        <message>
            <source>Residual level</source>
            <translation>剩余风险等级</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Response strategy</source>
            <translation>应对策略</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation>已归档</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Inherent L</source>
            <translation>固有可能性</translation>
        </message>
        <message>
            <source>Inherent I</source>
            <translation>固有影响</translation>
        </message>
        <message>
            <source>Inherent score</source>
            <translation>固有分值</translation>
        </message>
        <message>
            <source>Inherent</source>
            <translation>固有风险</translation>
        </message>
        <message>
            <source>Residual L</source>
            <translation>剩余可能性</translation>
        </message>
        <message>
            <source>Residual I</source>
            <translation>剩余影响</translation>
        </message>
        <message>
            <source>Residual score</source>
            <translation>剩余分值</translation>
        </message>
        <message>
            <source>Residual</source>
            <translation>剩余风险</translation>
        </message>
        <message>
            <source>Target score</source>
            <translation>目标分值</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>目标风险</translation>
        </message>
        <message>
            <source>Strategy</source>
            <translation>应对策略</translation>
        </message>
        <message>
            <source>Next review</source>
            <translation>下次评审</translation>
        </message>
        <message>
            <source>The review is due</source>
            <translation>已到评审日期</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>措施</translation>
        </message>
        <message>
            <source>{count} open actions</source>
            <translation>{count} 项未完成措施</translation>
        </message>
        <message>
            <source>Review due</source>
            <translation>待评审</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <source>Active (not closed)</source>
            <translation>活动（未关闭）</translation>
        </message>
        <message>
            <source>Any status</source>
            <translation>任意状态</translation>
        </message>
        <message>
            <source>No strategy yet</source>
            <translation>尚无应对策略</translation>
        </message>
        <message>
            <source>Any strategy</source>
            <translation>任意应对策略</translation>
        </message>
        <message>
            <source>Inherent: {level}</source>
            <translation>固有风险：{level}</translation>
        </message>
        <message>
            <source>Inherent: not assessed</source>
            <translation>固有风险：未评估</translation>
        </message>
        <message>
            <source>Any inherent level</source>
            <translation>任意固有风险等级</translation>
        </message>
        <message>
            <source>Residual: {level}</source>
            <translation>剩余风险：{level}</translation>
        </message>
        <message>
            <source>Residual: not assessed</source>
            <translation>剩余风险：未评估</translation>
        </message>
        <message>
            <source>Any residual level</source>
            <translation>任意剩余风险等级</translation>
        </message>
        <message>
            <source>All departments</source>
            <translation>全部部门</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <source>No owner</source>
            <translation>无责任人</translation>
        </message>
        <message>
            <source>Any owner</source>
            <translation>任意责任人</translation>
        </message>
        <message>
            <source>{shown} of {total} risks</source>
            <translation>显示 {shown} / {total} 项风险</translation>
        </message>
        <message>
            <source>Archive {code} “{title}”? It leaves the register but nothing is deleted; turn on “Show archived” to restore it.</source>
            <translation>归档 {code}“{title}”？它将移出登记册，但不会删除任何内容；打开“显示已归档”即可恢复。</translation>
        </message>
        <message>
            <source>Archive {count} risks? They leave the register but nothing is deleted; turn on “Show archived” to restore them.</source>
            <translation>归档 {count} 项风险？它们将移出登记册，但不会删除任何内容；打开“显示已归档”即可恢复。</translation>
        </message>
        <message>
            <source>Archive risks</source>
            <translation>归档风险</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
    </context>
    <context>
        <name>Section</name>
        <message>
            <source>Revert</source>
            <translation>还原</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Save this section (Ctrl+S)</source>
            <translation>保存此部分 (Ctrl+S)</translation>
        </message>
        <message>
            <source>No unsaved changes.</source>
            <translation>没有未保存的更改。</translation>
        </message>
        <message>
            <source>Unsaved changes.</source>
            <translation>有未保存的更改。</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Only an administrator changes settings; you can look at them here.</source>
            <translation>只有管理员可以更改设置；您可以在此查看。</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Archive {name}? It can be restored later.</source>
            <translation>归档“{name}”？之后可以恢复。</translation>
        </message>
    </context>
    <context>
        <name>SingleInstance</name>
        <message>
            <source>{path} is already open in another OpsDesk window (process {pid} on {host}). Switch to that window, or close it and open the register again.</source>
            <translation>{path} 已在另一个 OpsDesk 窗口中打开（{host} 上的进程 {pid}）。请切换到该窗口，或将其关闭后重新打开登记册。</translation>
        </message>
    </context>
    <context>
        <name>SubmitSuggestionDialog</name>
        <message>
            <source>Submit a suggestion</source>
            <translation>提交改进建议</translation>
        </message>
        <message>
            <source>Submit</source>
            <translation>提交</translation>
        </message>
        <message>
            <source>Edit suggestion {code}</source>
            <translation>编辑改进建议 {code}</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>您的姓名</translation>
        </message>
        <message>
            <source>Choose your department</source>
            <translation>选择您的部门</translation>
        </message>
        <message>
            <source>Your idea in one line</source>
            <translation>一句话描述您的想法</translation>
        </message>
        <message>
            <source>What should change, and where?</source>
            <translation>应该改变什么？在哪里？</translation>
        </message>
        <message>
            <source>What gets better: time, cost, quality, safety…</source>
            <translation>哪些方面会改善：时间、成本、质量、安全…</translation>
        </message>
        <message>
            <source>optional, if you can guess</source>
            <translation>可选，可大致估计</translation>
        </message>
        <message>
            <source>Every idea counts. The quality team reviews each suggestion and rewards the good ones.</source>
            <translation>每个想法都很重要。质量团队会评审每条改进建议，并奖励好的建议。</translation>
        </message>
        <message>
            <source>Your &amp;name</source>
            <translation>您的姓名(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Department</source>
            <translation>部门(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>标题(&amp;T)</translation>
        </message>
        <message>
            <source>D&amp;escription</source>
            <translation>描述(&amp;E)</translation>
        </message>
        <message>
            <source>Expected &amp;benefit</source>
            <translation>预期收益(&amp;B)</translation>
        </message>
        <message>
            <source>Estimated &amp;cost</source>
            <translation>预估费用(&amp;C)</translation>
        </message>
    </context>
    <context>
        <name>SuggestionsPage</name>
        <message>
            <source>Suggestions</source>
            <translation>改进建议</translation>
        </message>
        <message>
            <source>Submit suggestion…</source>
            <translation>提交改进建议…</translation>
        </message>
        <message>
            <source>Review…</source>
            <translation>评审…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Search code, title, submitter, reviewer…</source>
            <translation>搜索编号、标题、提交人、评审人…</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>Waiting for review</source>
            <translation>待评审</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>提交日期</translation>
        </message>
        <message>
            <source>Submitter</source>
            <translation>提交人</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
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
            <source>Reviewer</source>
            <translation>评审人</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>积分</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Expected benefit: {text}</source>
            <translation>预期收益：{text}</translation>
        </message>
        <message>
            <source>Realised benefit: {text}</source>
            <translation>实际收益：{text}</translation>
        </message>
        <message>
            <source>Leaderboard</source>
            <translation>排行榜</translation>
        </message>
        <message>
            <source>Quarter:</source>
            <translation>季度：</translation>
        </message>
        <message>
            <source>received</source>
            <translation>已收到</translation>
        </message>
        <message>
            <source>implemented</source>
            <translation>已实施</translation>
        </message>
        <message>
            <source>acceptance rate</source>
            <translation>采纳率</translation>
        </message>
        <message>
            <source>Contributor</source>
            <translation>提交人</translation>
        </message>
        <message>
            <source>Submitted</source>
            <comment>count</comment>
            <translation>提交数</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>已采纳</translation>
        </message>
        <message>
            <source>Implemented</source>
            <translation>已实施</translation>
        </message>
        <message>
            <source>Money</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>acceptance rate (none decided yet)</source>
            <translation>采纳率（尚无已决定的建议）</translation>
        </message>
        <message>
            <source>Accepted or implemented, out of the suggestions of the quarter decided so far.</source>
            <translation>本季度迄今已决定的改进建议中，被采纳或已实施的比例。</translation>
        </message>
        <message>
            <source>{n} suggestions</source>
            <translation>{n} 条改进建议</translation>
        </message>
        <message>
            <source>Archive suggestions</source>
            <translation>归档改进建议</translation>
        </message>
        <message>
            <source>Archive {codes}? Archived suggestions are kept and can be restored.</source>
            <translation>归档 {codes}？已归档的改进建议会被保留，之后可以恢复。</translation>
        </message>
        <message>
            <source>Cannot archive</source>
            <translation>无法归档</translation>
        </message>
    </context>
    <context>
        <name>WorkbookPasswordDialog</name>
        <message>
            <source>Protected workbook</source>
            <translation>受保护的工作簿</translation>
        </message>
        <message>
            <source>{name} is protected by a password. Type the password that opens it:</source>
            <translation>{name} 受密码保护。请输入打开它的密码：</translation>
        </message>
        <message>
            <source>That password does not open the workbook. Type it again.</source>
            <translation>该密码无法打开此工作簿。请重新输入。</translation>
        </message>
        <message>
            <source>The workbook is decrypted in memory only; no unprotected copy is written.</source>
            <translation>工作簿仅在内存中解密，不会写入未受保护的副本。</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>打开(&amp;O)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
</TS>
