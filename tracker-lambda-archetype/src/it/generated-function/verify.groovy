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
