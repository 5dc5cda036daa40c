<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ActionEditor</name>
        <message>
            <source>Edit action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What will be done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who does it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>optional</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due &amp;date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Cost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The action title is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The action title is too long (at most 200 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner's name is too long (at most 120 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The completion date cannot be in the future.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cost must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cost cannot be negative.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The note is too long (at most 4000 characters).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ActionsPage</name>
        <message>
            <source>Actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New action…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add an action (Ctrl+N)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit the selected action (Enter, Ctrl+E)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Mark done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark the selected actions done today (Ctrl+D)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive the selected actions (Delete)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search title, source, owner, note…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All owners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All statuses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All departments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All kinds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Overdue only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>O&amp;pen only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hide done and cancelled actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show all actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Late by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{shown} of {total} actions · overdue: {overdue}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this nonconformity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the actions of {what}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} action(s) marked done.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive the action “{title}”? You can restore it with “Show archived”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive {n} actions? You can restore them with “Show archived”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive actions</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>Unexpected error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk ran into an unexpected problem: {error}

The details were written to {log}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot open the database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot restore this file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Register restored</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The register was restored from {source}.
The file it replaced is kept as {kept}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AssessmentPanel</name>
        <message>
            <source>optional, 0–100</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>optional amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why this assessment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Likelihood</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Impact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Probability %</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Financial impact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assessed on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>— Not assessed —</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Current since {date}{who}. A change is recorded as a new assessment.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not assessed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose both the likelihood and the impact.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The probability is a percentage from 0 to 100.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The financial impact must be a positive amount.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The assessment date cannot be in the future.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BaselineDialog</name>
        <message>
            <source>Freeze baseline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The control limits will be computed from the measured periods of the baseline only, so later points are judged against how the process ran then.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Freeze</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;First period:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Last period:</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n measured period(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>The last period comes before the first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A baseline needs at least 2 measured periods.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BulkEditDialog</name>
        <message>
            <source>Bulk edit risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply to {count} risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change {count} selected risks: {codes}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the ticked fields change; the others keep each risk's own value.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New owner (empty clears it)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Next review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select at least one risk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tick at least one field to change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner's name is too long (at most 120 characters).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ComplaintRateDialog</name>
        <message>
            <source>Feed complaint rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The complaints logged in the period become the numerator of the objective; give the denominator (e.g. orders delivered) for the same period.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Denominator:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. orders delivered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Objective:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Period:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Denominator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no ratio objective to feed; create a complaint-rate objective first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the denominator for {period}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The denominator must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The denominator must be greater than 0.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {count} complaints cannot exceed the denominator, {denominator}.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n complaint(s) logged in {period} will be recorded as the numerator.</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>This replaces the recorded {numerator} / {denominator}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name}: {rate} (target {target} {unit}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Complaint rate not recorded</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Double-click or press Enter to open the risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Top 10 risks by residual score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click a cell to see its risks on the Heatmap page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open heatmap</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual heatmap</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RISKS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>QUALITY</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the risks at this residual level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>active risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Above appetite</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>residual level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the risks whose residual level is above the risk appetite</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not resolved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the alerts that are open or acknowledged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>past their due date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the overdue actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due for review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the risks whose review date has come</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quality objectives, last period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the objectives that missed their target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the objectives at risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open nonconformities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the open nonconformities of this severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue corrective actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the overdue corrective and preventive actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>of nonconformities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Suggestions waiting for review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the suggestions submitted or under review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>submitted or under review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No residual assessment yet: the inherent score is shown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No quality policy yet. Write it, with the date it was approved, in Settings › Quality policy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quality policy (approved {date}):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quality policy (approval date not recorded):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Likelihood</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Impact</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DecisionActionDialog</name>
        <message>
            <source>Create action from decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decided at “{title}” on {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who carries it out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due &amp;date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner's name is too long (at most 120 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The decisions of this meeting were changed meanwhile; reopen the meeting and try again.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EditorDialog</name>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save and close (Ctrl+S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>…and {count} more.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FeedbackEditor</name>
        <message>
            <source>Edit feedback</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New customer feedback</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Company or person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product or service concerned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is a &amp;complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No rating</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>hours to first answer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no nonconformity)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the customer said</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Received on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;hannel:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;ustomer:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Product:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>R&amp;ating:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Response &amp;time (h):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Nonconformity:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Description:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say who gave the feedback, on what, or what was said.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The date received cannot be in the future.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The description is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The response time must be a number of hours.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The response time cannot be negative.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FeedbackPage</name>
        <message>
            <source>Customer feedback</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New feedback…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Feed complaint rate…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record the complaints of a period as the numerator of a complaint-rate objective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search customer, product, description, NC…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Complaints only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All channels</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Received</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rating</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} of 5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Response (h)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked NC</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Description</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n entries</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>{shown} of {total}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n complaint(s) shown</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>average rating {rating:.1f} of 5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>average response {hours:.1f} h</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore the feedback from {who}?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive the feedback from {who} ({day})? It leaves the log and no longer counts as a complaint; it can be restored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Complaint rate recorded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{period}: {numerator} / {denominator} = {rate} ({status}).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HeatmapPage</name>
        <message>
            <source>Heatmap</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show only the risks of one department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show only the risks of one category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click a cell to list its risks; double-click a risk to open it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All departments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Likelihood</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Impact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No active risks match these filters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{kind} · {likelihood} × {impact}: {count}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>Risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>KRI readings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Objective measurements</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Update</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unchanged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the import template</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk import template.xlsx</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import template</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not write {path}: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The workbook could not be read: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something went wrong: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} could not be read as an Excel workbook ({error}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import from Excel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1  Choose the workbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>2  Sheet and columns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>3  Check the rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>4  Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt; &amp;Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Next &gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the workbook to import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The Excel workbook (.xlsx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Workbook:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sheet holds:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any Excel workbook (.xlsx) of up to 50 MB. OpsDesk finds the sheet and its header row (a title above the header is fine), reads the values of formulas as Excel last saved them, and lets you match every column to a field before anything is written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save a copy of the import template…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rows with an OpsDesk risk code (R-0012) update that risk; the other rows create risks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One reading per row: the indicator (its name), the date and the value.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One row per objective and period, with its value or its numerator and denominator.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Excel workbooks (*.xlsx *.xlsm);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Template saved to {path}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The row that names the columns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sheet:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Header row:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The top of the sheet; the header row is shaded. Click a row to make it the header.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Columns: what each one imports as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Defaults for new risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Used where a new risk's row leaves the field empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Identified on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{rows} rows under the header in row {row}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the header row above to see the columns.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Column</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Header</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Imports as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no header)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>— not imported —</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field of column {letter}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the sheet and its header row.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose what at least one column imports as.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{field} is chosen for columns {letters}: each field comes from one column.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not imported (looks like {field})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the identification date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No column holds {fields}: choose it here for new risks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show only &amp;problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check &amp;again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read the workbook again (after you corrected it in Excel and saved it) and check every row</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Objective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Row</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every problem ({count}):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>row</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>reading</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>readings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>measurement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>measurements</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} to create</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} to update</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} unchanged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{total} {noun}: {parts}; {problems}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The rows are being checked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the rows first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing can be imported while there are problems ({count}): correct them in the workbook and click Check again, or change the columns or defaults on the previous step.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to import: every row is already in OpsDesk as it is in the workbook.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{created} readings recorded, {unchanged} already there.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{created} risks created, {updated} updated, {unchanged} unchanged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{created} measurements created, {updated} updated, {unchanged} unchanged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Imported: {what}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the workbook to import.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write every row, all or nothing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading {name}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking every row…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the rows…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The rows could not be checked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing {count} rows…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{kind} from {name}, sheet '{sheet}' (header in row {row}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New risks: {codes}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was imported</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>IndicatorsPage</name>
        <message>
            <source>Indicators and alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Indicators</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search indicator, risk, department…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All departments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All states</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No reading yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archived indicators are listed under “Archived”, where they can be restored</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New KRI…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Define a new key risk indicator (Ctrl+N)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit the selected indicator (Enter, Ctrl+E)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add rea&amp;ding…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record one reading of the selected indicator (Ctrl+R)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add readings (&amp;grid)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type many dated readings at once (Ctrl+Shift+R)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive the selected indicator (Delete)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select an indicator to see its trend.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Readings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search message, indicator, risk…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open (not resolved)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All kinds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ac&amp;knowledge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record that you have seen the selected alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Resolve…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close the selected alerts, with an optional note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show &amp;indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the indicator or risk that raised the alert (Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{date} (overdue)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A reading is overdue: this indicator is read {frequency}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last reading</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alarm</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Direction</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frequency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recorded by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Raised on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicator / risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acknowledged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back to normal on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolution note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{kris} indicators · in alarm: {alarm} · readings overdue: {overdue} · open alerts: {alerts}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Alerts ({count} open)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Readings of {name} ({count})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No readings yet: add one with “Add reading”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} alerts selected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select an alert to read its full message; Enter shows its indicator or risk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back to normal since {date}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolution note: {note}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive “{name}”? It keeps its readings and alerts but takes no new readings. You can restore it with “Show archived”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolve alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolve alert</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What was done? (optional, kept with the alert)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>KriEditor</name>
        <message>
            <source>Edit indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Unplanned downtime of line 2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no linked risk)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a department…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. %, hours, count</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning at</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alarm at</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What is measured, and how</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Warning:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A&amp;larm:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked &amp;risk:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Department to notify:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Unit:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;irection:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Thresholds:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading &amp;frequency:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;escription:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The indicator name is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The indicator name is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the linked risk from the list, or “(no linked risk)”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the department to notify.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The unit is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The warning threshold must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The alarm threshold must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A reading at or below {warning} {unit} is a warning, at or below {alarm} {unit} an alarm.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A reading at or above {warning} {unit} is a warning, at or above {alarm} {unit} an alarm.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Identified</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assessed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Treating</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Monitoring</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal audit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Data analysis</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Market research</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Incident</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workshop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Avoid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reduce</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Transfer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Planned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mitigation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Corrective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preventive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Improvement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meeting decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Higher is worse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lower is worse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alarm</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Weekly</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Monthly</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarterly</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk appetite</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acknowledged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ratio</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Met</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Missed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inspection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sampling check</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Audit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SPC signal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Major</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Critical</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Man</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Machine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Method</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Material</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Measurement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Environment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rework</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scrap</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use as is</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Return</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Effective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partly effective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not effective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Investigating</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Verification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Under review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rejected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Implemented</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Survey</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Website</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sales visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Strategic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Market</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Operational</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Technical</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Financial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal/Compliance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Information security</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>People</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LanguageSection</name>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Follow the system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Simplified Chinese</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The language is applied when OpsDesk restarts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The language was not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved. Restart OpsDesk to use the new language.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LevelChip</name>
        <message>
            <source>Not assessed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Heatmap</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicators and alerts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quality objectives</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer feedback</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nonconformities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meetings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Suggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New database…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Backup now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore from bac&amp;kup…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Find</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Archive selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About OpsDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About OpsDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk {version}
The risk and quality register.

Database: {db}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk database (*.db)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} already exists; open it instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk database (*.db);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot open the database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic backup failed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic backup written to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server databases are restored by the server's tools.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This register is open read-only ({reason}); it cannot be replaced from here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore from backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replace the register {path} by {source}?
The current register is backed up first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot restore this file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Register restored</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The register was restored from {source}.
The register it replaced was kept as {kept}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restored from {source}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server databases are backed up by the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup written to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This register is read-only: {reason}. You can look at everything, but nothing can be saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>opened read-only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User: {user}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{risks} active risks · {alerts} open alerts</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MatrixEditor</name>
        <message>
            <source>Size and labels</source>
            <extracomment>replaced in tests so no colour dialog opens</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Number of likelihood levels (rows)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Number of impact levels (columns)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Likelihood levels:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Impact levels:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Likelihood</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Impact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click a cell for the next level (Shift+click: previous), right-click to choose. Keyboard: arrows, then Space.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Level bands (lowest first)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Up to score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risks whose residual level is above this level must be treated or formally accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk appetite:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a level above the highest one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fill by score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rebuild every cell from the score thresholds: each level covers the scores up to its limit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move this level down the ranking (lower)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move this level up the ranking (higher)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove this level (its cells go to the neighbouring level)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Highest score of this level when filling by score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the rest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Level {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Colour of {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name of level {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Likelihood level {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Impact level {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stored code: {code}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MatrixGrid</name>
        <message>
            <source>Impact →</source>
            <extracomment>(initial colour, parent, title) -&gt; the chosen colour, or None when the user cancels</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Likelihood →</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} (appetite)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Likelihood {l} × impact {i} = score {score}: {level}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click: next level · right-click: choose the level</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MatrixSection</name>
        <message>
            <source>Save matrix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk matrix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The matrix cannot be saved yet: {problems}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving will re-level 1 risk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving will re-level {n} risks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving will not change the level of any risk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the risk matrix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving will re-level {n} risk(s): their inherent, residual and target levels are recomputed with the new matrix, and the change is recorded in the audit trail. Continue?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save and re-level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The risk matrix was not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Matrix saved; {n} risk(s) re-levelled.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MeetingDetail</name>
        <message>
            <source>Select a meeting to see its agenda, minutes and decisions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{day} · {n} attendees: {names}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agenda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No agenda recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No minutes recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decisions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No decisions recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create action…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Turn this decision into an action with an owner and a due date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nonconformities discussed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click a code to open the Nonconformities page on it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None linked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Objectives discussed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions ({n})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No actions yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no due date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{arrow}{title} · {owner} · due {due} · {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, overdue</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MeetingEditor</name>
        <message>
            <source>Edit meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minutes and &amp;decisions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Links</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Quality analysis meeting Q3 2026</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One name per line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1. …
2. …</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Attendees</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A&amp;genda</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What was discussed and found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decisions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Double-click a decision to change its text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a decision and press Enter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create action…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nonconformities discussed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quality objectives discussed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} attendees</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the meeting to turn its decisions into actions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the changed decisions before creating actions from them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a decision and press “Create action…” to assign it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The meeting title is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The meeting title is too long (at most 200 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At least one attendee is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An attendee's name is at most 120 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A decision is at most 2000 characters.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MeetingsPage</name>
        <message>
            <source>Meetings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New meeting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search title, attendees, minutes, decisions, NC codes…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attendees</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked NCs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decisions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} meetings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{shown} of {total} shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive “{title}” of {day}? It is kept and can be restored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot archive</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Cannot save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed by someone else</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You have unsaved changes. Save them before closing?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Welcome to OpsDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This register is empty. Load the demo company to explore OpsDesk, or start with an empty register?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Load demo data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start empty</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NamedListEditor</name>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rename</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NcEditor</name>
        <message>
            <source>Nonconformity {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New nonconformity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What went wrong, in one line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Root cause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Verification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save and keep the editor open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close nonconformity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product, part or process affected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who leads the investigation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not decided</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What was found, where, how many</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What was done at once to protect the customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Se&amp;verity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>De&amp;partment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product / &amp;process</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detected &amp;on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>O&amp;wner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stat&amp;us</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dis&amp;position</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Description</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Immediate containment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ask “why?” five times: each answer becomes the question of the next line.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Because…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The root cause in a sentence or two</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not classified</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Root cause &amp;summary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;6M category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (overdue)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add corrective action…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add preventive action…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Once the actions are done, check that the problem does not come back, and record the result here. A nonconformity closes only when it was verified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not verified yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who checked it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Effectiveness</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Verified &amp;by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Verified o&amp;n</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reopen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New nonconformity: save it to add actions and record the verification.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the nonconformity first; then add its corrective and preventive actions here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>detected {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>closed {day} after {n} days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>open {n} days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} open actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This nonconformity is closed; reopen it to add actions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{open} open, {overdue} overdue. Every action must be done or cancelled before closing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed on {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(the title on top)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why: {text}?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Answer the line above first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The title is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The title is too long (at most 200 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The detection date cannot be in the future.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Answer why number {n} before the ones after it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each why is at most 500 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This field is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name of the verifier is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The verification date cannot be in the future.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The verification date cannot be before the detection date ({day}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot close {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reopen {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reopen {code} for further action? Its closing date is cleared.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NonconformitiesPage</name>
        <message>
            <source>Nonconformities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New nonconformity…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search code, title, product, owner…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All statuses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open (not closed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All severities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All sources</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All 6M categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All departments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only nonconformities with at least one overdue action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product / process</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days
open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days to
close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open
actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue
actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} overdue action(s)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Product / process: {text}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pareto of causes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>6M category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Period:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last 12 months</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Custom range</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nonconformities by 6M category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nonconformities by source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} classified · 80% from {vital}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cumulative share</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No classified nonconformities in this period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} nonconformities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{shown} of {total} shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive nonconformities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive {codes}? Archived records are kept and can be restored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot archive</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <source>{kri}: {value} on {date} escalated the open warning to an alarm.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{kri}: {value} on {date} is in alarm.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk: new KRI alarm</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New alarm: {text}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ObjectiveEditor</name>
        <message>
            <source>Edit quality objective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New quality objective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Final inspection pass rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a department…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Inspected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What is measured, and how</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>T&amp;olerance:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Department:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Co&amp;unted:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>U&amp;nit:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Target:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Di&amp;rection:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Frequency:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>O&amp;wner:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;escription:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fixed once measurements are recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A quality objective named “{name}” already exists.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The department is required: choose one from the list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The unit is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The label is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The target is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The target must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The target of a ratio must be between 0 and {top}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The tolerance must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The tolerance must not be negative.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner is too long (at most {n} characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Met at {target} {unit} or more; at risk down to {edge} {unit}; missed below.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Met at {target} {unit} or less; at risk up to {edge} {unit}; missed above.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ObjectivesPage</name>
        <message>
            <source>“{text}” is not a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Numerator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Denominator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actual</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No measurement is recorded for this period.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>one point beyond 3 sigma</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>two of three points beyond 2 sigma on one side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>four of five points beyond 1 sigma on one side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>eight points in a row on one side of the centre line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{when}: rule {rule} — {text}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The limits lie entirely above the target: the target is consistently met.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The limits lie entirely below the target: the target is consistently met.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The limits lie entirely below the target: the target is consistently missed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The limits lie entirely above the target: the target is consistently missed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The target lies inside the control limits: meeting it is a matter of chance.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Control limits need at least two measured periods.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quality objectives</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New objective…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search name, owner, description…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All departments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All statuses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select an objective to see its measurements and control chart.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Measurements</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a number to fill a cell; Enter goes to the next number, Tab to the next cell.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Earlier period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add the period before the first row</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add the period after the last row</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Forget the changes typed since the last save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save measurements</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save every changed row at once (Ctrl+S); nothing is saved if a row is wrong</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Freeze baseline…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compute the limits from chosen periods only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unfreeze</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compute the limits from every measured period again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rule violations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Objective</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Direction</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tolerance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frequency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n objective(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>{shown} of {total}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target {target}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tolerance {tolerance}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>owner {owner}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>archived</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n period(s) missing</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>p-chart: limits at 3 sigma around the pooled proportion, wider where a period's sample is smaller.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>XmR chart: limits at 3 sigma around the mean, sigma from the average moving range.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No rule is broken: the process is in statistical control.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rules are checked once there are control limits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Baseline: every measured period (not frozen).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Baseline {first} – {last}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, frozen on {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> by {user}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Centre line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Control limits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rule broken</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Baseline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change baseline…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Measurements not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was saved. Correct the marked cells:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Baseline not frozen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore the objective “{name}”?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive the objective “{name}”? It disappears from the list and the dashboard; its measurements are kept and it can be restored.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OrganisationSection</name>
        <message>
            <source>Company</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shown on reports and exports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarters and yearly figures count from this month.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Company name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fiscal year starts in:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Departments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select an entry to rename, archive or restore it. Archived entries stay on existing records but are no longer offered for new ones.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save company</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The company name is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The company settings were not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Company settings saved.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PolicySection</name>
        <message>
            <source>Quality policy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The policy is shown on the dashboard and in the quarterly report.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the company commits to about quality…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approved on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save policy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No change recorded yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last changed by {user} on {when}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} / {max} characters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The policy text is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The policy text is too long ({n} characters; at most {max}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The quality policy was not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quality policy saved.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReadingDialog</name>
        <message>
            <source>Add reading</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional: what explains this value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Date:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Value:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the value read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reading must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a value</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReadingDialogs</name>
        <message>
            <source>Warning {sign} {warning}{unit} · Alarm {sign} {alarm}{unit}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last reading {value}{unit} on {date}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No reading yet</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReadingGridDialog</name>
        <message>
            <source>Add readings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a date (YYYY-MM-DD) and a value per row; Tab or Enter moves on, Ctrl+V pastes rows copied from Excel. Empty rows are ignored. Nothing is saved unless every row is valid.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Row {number}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter at least one reading.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reading date is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the date as YYYY-MM-DD.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The value is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The value must be a number.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReadingGridModel</name>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Recovery</name>
        <message>
            <source>automatic, on opening</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>on request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>before an upgrade</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>before a restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{size} KB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a backup to restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk database (*.db);;All files (*)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecoveryDialog</name>
        <message>
            <source>Recover the register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} is not a SQLite database: its first bytes are not those of a database file. It may have been overwritten by another program.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (and {count} more problems)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} is damaged. SQLite's check reports: {detail}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk has not changed it. If you restore a backup, the damaged file is kept beside it as {name}.broken-&lt;date and time&gt;, never overwritten or deleted, so it can still be examined.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The newest good backup was taken on {when} ({why}). Restoring it brings the register back as it was then; changes made after that are not in it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No good backup of this register was found in {folder}. You can restore from another file, such as a copy on another disk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore the newest good backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore from another file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This register cannot be opened</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>{path} is a folder: choose a file name ending in .xlsx.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpsDesk may not write {path}. Is it open in Excel, or is the folder read-only?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not write {path}: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The export stopped: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarterly report in Excel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One workbook for a fiscal quarter, to send to management: a summary with the heatmap, the risk register, the methodology, and the lists you choose below.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a quarter or type one, such as 2026-Q3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Always included</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where to save the workbook (.xlsx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folder and the name of the workbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the file when done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quarter:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save as:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Include:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import from Excel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bring in the workbooks you already keep. You match the columns to OpsDesk's fields and see every row checked first; nothing is written unless every row is valid.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import &amp;risks…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import &amp;KRI readings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import &amp;measurements…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A risk register: new rows create risks, rows with an OpsDesk code update them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicator readings: one row per KRI, date and value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quality objective measurements: one row per objective and period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save a copy of the import template…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A blank workbook with OpsDesk's columns and instructions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a quarter such as 2026-Q3 (quarters 1 to 4).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{first} to {last}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{range} (in progress)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{range} (not started)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An export is running.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a quarter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose where to save the workbook.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the workbook (it runs in the background)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the quarterly report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exporting {quarter}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exported {quarter} to {path} ({sheets} sheets, {rows} rows).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The export did not finish; nothing was written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Template saved to {path}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore from backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Taken</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There are no backups of this register in {folder} yet. Choose a file to restore instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The register {path} is replaced by the backup you choose, after a check that it is a healthy OpsDesk database. The current register is backed up first, so a restore can itself be undone.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReviewSection</name>
        <message>
            <source>Review intervals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How many days after an assessment a risk of each level is due for its next review.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save intervals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The review intervals were not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review intervals saved.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReviewSuggestionDialog</name>
        <message>
            <source>Review suggestion {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitted {day} by {who} ({department}) · now {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected benefit: {text}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Estimated cost: {cost:,.2f}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Earlier note: {text}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who decides</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why this decision (required to reject)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>money</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the change actually brought</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Move to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reviewer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;On</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decision &amp;note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reward &amp;points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reward &amp;amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Realised &amp;benefit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{status} is a final status: this suggestion cannot move any more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move to {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{status} is a final status.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reviewer is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A reason is required to reject a suggestion.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Describe the realised benefit to mark a suggestion implemented.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The date cannot be in the future.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reward points must be a whole number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reward points cannot be negative.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reward can only be raised at implementation ({n} points were granted on acceptance).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reward amount must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reward amount cannot be negative.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reward can only be raised at implementation ({n:g} was granted on acceptance).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RiskEditor</name>
        <message>
            <source>Archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Identification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Assessment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ac&amp;tions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In&amp;dicators</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;History</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appl&amp;y</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save and keep this window open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reload theirs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Throw away your changes and show the saved risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep mine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep your input; saving it replaces their change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A short name for the risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What could happen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why it could happen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What it would do to us</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who looks after it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Left empty, the next review follows the level's review interval.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tit&amp;le</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;escription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Cause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Co&amp;nsequence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cate&amp;gory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>De&amp;partment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Identified on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stat&amp;us</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Without a date, the next review follows the review interval of the risk's level.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent: before any control. Residual: with the controls in place today. Target: where the actions should bring it. The risk appetite is {appetite}: a residual level above it must be treated or formally accepted (Response tab).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>— Not decided —</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why this response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Formal acceptance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approved &amp;by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Justification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expires</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Strategy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rationa&amp;le</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue by {days} days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add action…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the risk now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue actions are shown in red. Actions are saved as soon as you confirm them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No reading</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning at</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alarm at</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Direction</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicators are defined and read on the Indicators and alerts page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Old → new</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes to this risk (newest first)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>— Choose a department —</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>— Choose a category —</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Indicators can be linked to the risk once it is saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No key risk indicator is linked to this risk yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No residual assessment yet; the appetite is {appetite}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The residual level {level} is above the appetite ({appetite}): reduce, avoid or transfer the risk, or accept it formally with an approver, a justification and an expiry date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The residual level {level} is within the appetite ({appetite}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Required: the residual level is above the appetite.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional while the residual level is within the appetite.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The title is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The title is too long ({count} characters; at most 200).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The description is too long (at most 5000 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cause is too long (at most 5000 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The consequence is too long (at most 5000 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner's name is too long (at most 120 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a category.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a department.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The identification date cannot be in the future.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The next review cannot be before the risk was identified.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepting a risk above the appetite ({appetite}) needs an approver.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepting a risk above the appetite needs a justification.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepting a risk above the appetite needs an expiry date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The acceptance must expire after the date it was given.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The acceptance date cannot be in the future.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Someone else saved this risk after you opened it, so your changes were not saved. Your input is still here. Reload their version (your changes are lost), or keep yours and save again to replace theirs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions can be added once the risk is saved. Click “Save the risk now” (or Apply) to save it and stay in this window.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This risk has no actions yet. Add one to plan its treatment.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Score over time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No assessments yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restored</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Description</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consequence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Strategy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rationale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approved by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Justification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acceptance expires</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent likelihood</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent impact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual likelihood</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual impact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target likelihood</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target impact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RisksPage</name>
        <message>
            <source>Risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Register a new risk (Ctrl+N)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the selected risk (Enter or double-click)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Bulk edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change owner, department, status or next review of the selected risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive the selected risks (Delete); nothing is lost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bring archived risks back into the register</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search code, title, description, owner…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Above appetite</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear filters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Response strategy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent L</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent I</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual L</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual I</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target score</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Strategy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The review is due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} open actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active (not closed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No strategy yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any strategy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent: {level}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Inherent: not assessed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any inherent level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual: {level}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Residual: not assessed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any residual level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All departments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All categories</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{shown} of {total} risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive {code} “{title}”? It leaves the register but nothing is deleted; turn on “Show archived” to restore it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive {count} risks? They leave the register but nothing is deleted; turn on “Show archived” to restore them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive risks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Section</name>
        <message>
            <source>Revert</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save this section (Ctrl+S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No unsaved changes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsaved changes.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive {name}? It can be restored later.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SubmitSuggestionDialog</name>
        <message>
            <source>Submit a suggestion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit suggestion {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose your department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your idea in one line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What should change, and where?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What gets better: time, cost, quality, safety…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>optional, if you can guess</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every idea counts. The quality team reviews each suggestion and rewards the good ones.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your &amp;name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;escription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected &amp;benefit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Estimated &amp;cost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The submitter's name is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The submitter's name is too long (at most 120 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The department is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The title is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The title is too long (at most 200 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The estimated cost must be a number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The estimated cost cannot be negative.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SuggestionsPage</name>
        <message>
            <source>Suggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submit suggestion…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search code, title, submitter, reviewer…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All statuses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All departments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Submitter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Department</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reviewer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected benefit: {text}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Realised benefit: {text}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leaderboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quarter:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>received</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>implemented</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>acceptance rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contributor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Implemented</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Money</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>acceptance rate (none decided yet)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted or implemented, out of the suggestions of the quarter decided so far.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} suggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{shown} of {total} shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive suggestions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive {codes}? Archived suggestions are kept and can be restored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot archive</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
