// The generated project's test passed, and its function ran on the real runtime client through
// the plugin: two invocations, each a line with the generated step timed once per message, the
// first one also with the generated init step.
def reports = new File(basedir, 'orders/target/surefire-reports/TEST-com.example.orders.QueueHandlerTest.xml')
assert reports.text.contains('tests="1" errors="0" skipped="0" failures="0"')

def lines = new File(basedir, 'build.log').readLines().findAll { it.startsWith('{"latencies":') }
assert lines.size() == 2 : "expected 2 tracker lines, got ${lines}"
def expected = ~/\{"latencies":\{"QueueHandler":\d+\.\d{3},"process_message":\d+\.\d{3}\},"latency_counts":\{"process_message":2\},"untracked":\d+\.\d{3},"metrics":\{"messages":2,"messages_failed":0\},.*"request_id":"[0-9a-f-]{36}","function_name":"QueueFunction",.*"stage":"dev".*/
lines.each { assert it ==~ expected : it }
assert lines[0] =~ /,"init_steps":\{"load_configuration":\d+\.\d{3}\},/ : lines[0]
assert lines[0].contains('"cold_start":true') : lines[0]
assert !lines[1].contains('"init_steps"') : lines[1]
assert lines[1].contains('"cold_start":false') : lines[1]

// The report goal read the saved lines and summarised them, cold and warm apart.
def log = new File(basedir, 'build.log').text
assert log.contains('Steps across 20 invocations: 1 cold, 19 warm') : 'no summary of saved/before.log'
assert log =~ /(?m)^  process_message  19  10\.424  10\.794   10\.872\*  10\.872   94\.7%/
// Its comparison flagged the slowed step, and its exit code 3 failed the build with the gate's line.
assert log =~ /(?m)^  process_message      10\.424  15\.360  \+47\.4% \(p=0\.000 n=19\+19\)/
assert log.contains('tracker-lambda:report exited with 3: error: slower by more than 10% at p < 0.05: '
    + 'QueueHandler warm QueueHandler +44.2% (p=0.000), QueueHandler warm process_message +47.4% (p=0.000)')

// The ab goal ran the saved shaded jar before and the project's own build after, side by side:
// two runtimes per side one pair after the other, ABBA in each, every invocation's REPORT line, then a verdict on each warm figure.
def orders = new File(basedir, 'orders').absolutePath
def jar = "${orders}/target/orders-1.0-SNAPSHOT.jar"
def task = "${orders}/target/tracker-lambda/task"
def logLines = log.readLines()
def start = logLines.findIndexOf { it.startsWith('A/B of ') }
assert start >= 0 : 'no output of tracker-lambda:ab'
assert logLines[start] == 'A/B of QueueFunction: 10 invocations per side, each side in 2 runtimes in turn, alternating (ABBA), one at a time'
assert logLines[start + 1] == "before (${jar}): the code in ${jar} as QueueFunction of ${orders}/template.yaml".toString()
assert logLines[start + 2] == "after (${task}): the code in ${task} as QueueFunction of ${orders}/template.yaml".toString()
def turns = logLines.findAll { it ==~ /(before|after) \d+\/10: REPORT RequestId: .*/ }.collect { it.split(' ')[0] }
def pair = ['before', 'after', 'after', 'before', 'before', 'after', 'after', 'before', 'before', 'after']
assert turns == pair + pair : turns
assert logLines.contains('QueueHandler, cold: 2 before, 2 after')
def warm = logLines.findIndexOf { it == 'QueueHandler, warm: 8 before, 8 after' }
assert warm > start : 'no warm group'
def rows = logLines.subList(warm + 2, logLines.findIndexOf(warm) { it.startsWith('  * the max') })
assert rows.collect { it.substring(0, 18).trim() } == ['REPORT Duration', 'QueueHandler', 'process_message'] : rows
def verdict = ~/  \S.*?  +\d+\.\d{3}  +\d+\.\d{3}  +(~|[+-]\d+\.\d%) \(p=\d\.\d{3} n=8\+8\)  .*/
rows.each { assert it ==~ verdict : it }
assert logLines.contains("Ran before (${jar}): 10 invocations, 10 tracker lines".toString())
assert logLines.contains("Ran after (${task}): 10 invocations, 10 tracker lines".toString())
