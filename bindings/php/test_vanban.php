<?php
/*
 * Tests of the PHP binding, run by ctest as PHP.Binding:
 *   php -d ffi.enable=true bindings/php/test_vanban.php <dir of Vanban.php> <samples dir>
 * (VANBAN_LIBRARY names the library just built; without it, Vanban.php finds the one beside it).
 * Every failed check is printed; the exit status is the number of failures (0: all passed).
 */
declare(strict_types=1);

[$self, $phpDir, $samples] = $argv + [null, __DIR__, __DIR__ . '/../../samples'];
require $phpDir . '/Vanban.php';

use Vanban\Engine;
use Vanban\PartialBatchException;
use Vanban\VanbanException;

$failures = 0;
function check(bool $ok, string $what): void
{
    global $failures;
    echo ($ok ? 'ok   ' : 'FAIL ') . $what . "\n";
    if (!$ok) {
        $failures++;
    }
}

function pdf_text(string $pdf): string
{
    $file = tempnam(sys_get_temp_dir(), 'vanban-php');
    file_put_contents($file, $pdf);
    $text = shell_exec('pdftotext -enc UTF-8 ' . escapeshellarg($file) . ' -');
    unlink($file);
    return (string)$text;
}

/** Runs $f and returns what it threw (null if nothing). */
function thrown(callable $f): ?\Throwable
{
    try {
        $f();
    } catch (\Throwable $e) {
        return $e;
    }
    return null;
}

$plan = file_get_contents("$samples/ke-hoach-hoa-binh-2021.json");
check(Engine::version() === '0.1.0', 'version: ' . Engine::version());
$engine = new Engine();

// A plan to memory, PDF and DOCX; the creation date (a char* option field) makes it reproducible.
$pdf = $engine->render('ke-hoach', $plan, ['creation_date' => '2021-03-05']);
check(str_starts_with($pdf, '%PDF-'), 'render: a PDF, ' . strlen($pdf) . ' bytes');
$text = pdf_text($pdf);
check(str_contains($text, 'KẾ HOẠCH') && str_contains($text, 'Nơi nhận'), 'render: the plan\'s text, diacritics included');
check($engine->render('ke-hoach', $plan, ['creation_date' => '2021-03-05']) === $pdf, 'render: same date, same bytes');
check($engine->render('ke-hoach', $plan, ['creation_date' => '2021-03-06']) !== $pdf, 'render: the date option is read');
$docx = $engine->render('ke-hoach', $plan, ['format' => 'docx']);
check(str_starts_with($docx, 'PK'), 'render: a DOCX');
check(str_contains(pdf_text($engine->render('phu-luc-1', '', ['blank' => true])), 'Phụ lục'), 'render: a blank form');
$out = tempnam(sys_get_temp_dir(), 'vanban-php') . '.pdf';
$engine->renderFile('ke-hoach', "$samples/ke-hoach-hoa-binh-2021.json", $out, ['creation_date' => '2021-03-05']);
check(file_get_contents($out) === $pdf, 'renderFile: the same bytes as render');
unlink($out);

// Errors name the file (the source_name option), line, column and field.
$e = thrown(fn() => $engine->render('ke-hoach', "{\n  \"subject\": \"a\",\n  oops\n}", ['source_name' => 'bad.json']));
check($e instanceof VanbanException, 'syntax error: VanbanException');
if ($e instanceof VanbanException) {
    check([$e->getStatus(), $e->getSourceFile(), $e->getSourceLine(), $e->getSourceColumn()] === ['syntax', 'bad.json', 3, 3],
        'syntax error: status, file, line, column: ' . $e->getMessage());
}
$model = json_decode($plan, true);
$model['signature']['signer_nam'] = $model['signature']['signer_name'];
unset($model['signature']['signer_name']);
$e = thrown(fn() => $engine->validate('ke-hoach', json_encode($model, JSON_UNESCAPED_UNICODE), ['source_name' => 'ke-hoach.json']));
check($e instanceof VanbanException && $e->getStatus() === 'model', 'model error: status "model"');
if ($e instanceof VanbanException) {
    check($e->getField() === 'signature.signer_nam', 'model error: its field, ' . $e->getField());
    check(str_contains($e->getMessage(), 'ke-hoach.json'), 'model error: the source name in the message');
}
// Every problem in one call, field by field, with what was meant.
$model['subjet'] = $model['subject'];
unset($model['subject']);
$e = thrown(fn() => $engine->validate('ke-hoach', json_encode($model, JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT),
    ['source_name' => 'two.json']));
$errors = [];
foreach ($e instanceof VanbanException ? $e->getDiagnostics() : [] as $d) {
    if ($d['severity'] === 'error') {
        $errors[$d['field']] = $d;
    }
}
check(isset($errors['signature.signer_nam'], $errors['subjet']), 'diagnostics: both typos: ' . implode(', ', array_keys($errors)));
if (isset($errors['signature.signer_nam'], $errors['subjet'])) {
    $d = $errors['signature.signer_nam'];
    check([$d['status'], $d['file']] === ['model', 'two.json'] && $d['line'] > 1, 'diagnostics: status, file, line');
    check(str_contains($d['hint'], 'signer_name') && str_contains($errors['subjet']['hint'], 'subject'),
        'diagnostics: did you mean: ' . $d['hint'] . ' / ' . $errors['subjet']['hint']);
}
$findings = [];
$e = thrown(function () use ($engine, $plan, &$findings) {
    $findings = $engine->check('ke-hoach', $plan, ['source_name' => 'kh.json']);
});
check($e === null, 'check: no error in the sample plan' . ($e ? ': ' . $e->getMessage() : ''));
check(count($findings) > 0 && count(array_filter($findings,
    fn($d) => $d['severity'] === 'warning' && str_starts_with($d['rule'], 'ND30-'))) === count($findings),
    'check: warnings with rule IDs: ' . count($findings));
$e = thrown(fn() => $engine->render('no-such-template', '{}'));
check($e instanceof VanbanException && $e->getStatus() === 'template', 'unknown template: status "template"');
check(thrown(fn() => $engine->render('ke-hoach', $plan, ['format' => 'odt'])) instanceof \InvalidArgumentException,
    'format odt: InvalidArgumentException');
check(thrown(fn() => $engine->render('ke-hoach', $plan, ['colour' => 'red'])) instanceof \InvalidArgumentException,
    'unknown option: InvalidArgumentException');
$e = thrown(fn() => $engine->render('ke-hoach', $plan, ['creation_date' => '2021-02-30']));
check($e instanceof VanbanException && $e->getStatus() === 'misuse', 'a date that does not exist: status "misuse"');
$e = thrown(fn() => $engine->render('ke-hoach', $plan, ['limits' => ['max_text_bytes' => 10]]));
check($e instanceof VanbanException && str_contains($e->getMessage(), 'max_text_bytes'),
    'limits: a text past max_text_bytes fails: ' . ($e ? $e->getMessage() : 'rendered'));
check(strlen($engine->render('ke-hoach', $plan, ['limits' => ['max_rows' => 10]])) > 0, 'limits: within them it renders');

// A batch with two bad rows: the others are produced, the failures listed.
$list = file_get_contents("$samples/danh-sach-khen-thuong.csv");
$e = thrown(fn() => $engine->batch('giay-khen', $list,
    ['source_name' => 'ds.csv', 'creation_date' => '2022-05-15', 'sort' => true]));
check($e instanceof PartialBatchException, 'batch: PartialBatchException');
if ($e instanceof PartialBatchException) {
    check([$e->getRows(), $e->getFailed(), count($e->getFailures())] === [9, 2, 2], 'batch: 9 rows, 2 failed');
    check(str_contains($e->getFailures()[0], 'ds.csv:8:2') && str_contains($e->getFailures()[0], 'ho_ten'),
        'batch: the failed row named: ' . $e->getFailures()[0]);
    check(str_starts_with((string)$e->getData(), '%PDF-') && str_contains(pdf_text((string)$e->getData()), 'Số sổ vàng'),
        'batch: the certificates of the other rows');
}
$dir = sys_get_temp_dir() . '/vanban-php-' . getmypid();
mkdir($dir);
$e = thrown(fn() => $engine->batchFile('giay-khen', "$samples/danh-sach-khen-thuong.csv", "$dir/",
    ['name_pattern' => '{stt}', 'creation_date' => '2022-05-15']));
check($e instanceof PartialBatchException && $e->getData() === null, 'batchFile: partial, no data in memory');
$files = glob("$dir/*.pdf");
check(count($files) === 7, 'batchFile: a file per good row (name_pattern, a char* field): ' . count($files));
array_map('unlink', $files);
rmdir($dir);

// Signed as it is written (the signer), then by the body (vanban_sign): pdfsig says both are
// valid and the last covers the file. Keys made now by tests/sign/make_keys.sh.
$keys = sys_get_temp_dir() . '/vanban-php-keys-' . getmypid();
exec('bash ' . escapeshellarg(__DIR__ . '/../../tests/sign/make_keys.sh') . ' ' . escapeshellarg($keys), $o, $rc);
check($rc === 0, 'signing: test keys made');
$signed = $engine->render('ke-hoach', $plan, ['creation_date' => '2021-03-05', 'signing_time' => '2021-03-05T09:15:30+07:00',
    'signatures' => [['p12' => "$keys/signer.p12", 'secret' => 'secret']]]);
$signed = $engine->sign($signed, ['signing_time' => '2021-03-05T09:15:30+07:00',
    'signatures' => [['p12' => "$keys/body.p12", 'secret' => 'secret', 'role' => 'body']]]);
file_put_contents("$keys/signed.pdf", $signed);
$report = (string)shell_exec('pdfsig ' . escapeshellarg("$keys/signed.pdf") . ' 2>/dev/null');
check(substr_count($report, 'Signature is Valid.') === 2 && str_contains($report, 'Total document signed'),
    'signing: two valid signatures, the last over the whole file');
$e = thrown(fn() => $engine->render('ke-hoach', $plan, ['signatures' => [['p12' => "$keys/signer.p12", 'secret' => 'no']]]));
check($e instanceof VanbanException && $e->getStatus() === 'signature', 'signing: a wrong password is a signature error');
exec('rm -rf ' . escapeshellarg($keys));

$engine->close();
$engine->close();
echo $failures ? "$failures failed\n" : "all passed\n";
exit(min($failures, 100));
