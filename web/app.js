// The page: pick a template, fill what it asks for (editors.js), see the pages as they
// will print (POST api/render?format=svg, a while after the last keystroke), problems next
// to their inputs, download PDF or DOCX, make many from a list (POST api/batch). The work
// typed is kept in localStorage per template, so it survives a reload.
// The HTTP API is described in docs/serve.md and docs/openapi.yaml.
'use strict';
(function () {
  const V = window.Vanban;
  const { el, getAt } = V.util;
  const $ = (id) => document.getElementById(id);
  const STORE = 'vanban.v1.';
  const PREVIEW_DELAY = 400;  // ms after the last change

  const state = {
    templates: [],
    name: '',            // the template picked
    desc: null,          // its describe_template
    data: null,          // what the user typed: a model (document), {values, tables} (form), {rows} (certificate)
    timer: 0,
    pending: false,      // a change not yet previewed (for the browser tests: wait until false)
    request: 0,          // the newest preview request; older answers are dropped
    pageUrls: [],
    batchFile: null,
  };
  V.state = state;       // for the browser tests

  // ---- Storage ---------------------------------------------------------------------

  function load(name) {
    try {
      const text = localStorage.getItem(STORE + 'data.' + name);
      if (text) return JSON.parse(text);
    } catch (e) { /* a damaged entry: start afresh */ }
    return null;
  }

  function save() {
    try {
      localStorage.setItem(STORE + 'data.' + state.name, JSON.stringify(state.data));
      localStorage.setItem(STORE + 'template', state.name);
    } catch (e) {
      setStatus('Không lưu được vào trình duyệt: ' + e.message, 'warning');
    }
  }

  // A new document starts with what every document needs, left empty: the engine then
  // says what is missing, next to each input.
  function fresh(desc) {
    if (desc.layout === 'form') return { values: {}, tables: {} };
    if (desc.layout === 'certificate') return { rows: [{}] };
    return {
      issuing_agency: '',
      place: '',
      date: { year: new Date().getFullYear() },
      subject: '',
      body: [{ type: 'paragraph', text: '' }],
      signature: { authority: '' },
      recipients: ['Lưu: VT.'],
    };
  }

  // ---- HTTP ------------------------------------------------------------------------

  async function api(method, path, body, contentType) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.body = body;
      init.headers['Content-Type'] = contentType || 'application/json';
    }
    const res = await fetch(path, init);
    return res;
  }

  // An error answer's {"error": {...}, "diagnostics": [...]}, or a made-up one.
  async function errorOf(res) {
    try {
      const j = await res.json();
      if (j && j.error) return j;
    } catch (e) { /* not JSON */ }
    return { error: { message: `HTTP ${res.status} ${res.statusText}` }, diagnostics: [] };
  }

  function payload() {
    const d = state.desc;
    if (d.layout === 'form') return JSON.stringify(V.editors.formRecord(state.data));
    if (d.layout === 'certificate') return JSON.stringify(state.data.rows.filter((r) => Object.keys(r).length));
    return JSON.stringify(state.data);
  }

  const q = (params) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

  // ---- Problems next to their inputs ---------------------------------------------------

  function clearProblems() {
    for (const p of document.querySelectorAll('#editor .problems')) p.textContent = '';
    for (const i of document.querySelectorAll('#editor .invalid, #editor .warned')) i.classList.remove('invalid', 'warned');
    $('general-problems').textContent = '';
  }

  // The element a field path belongs to: the input with that path; else the first input
  // inside it ("date" -> date.year); else its nearest enclosing one ("body[2].rows[0]" ->
  // the table's block).
  function targetOf(path) {
    if (!path) return null;
    const all = Array.from(document.querySelectorAll('#editor [data-path]'));
    const exact = all.find((e) => e.dataset.path === path);
    if (exact) return exact;
    const inside = all.find((e) => e.dataset.path.startsWith(path + '.') || e.dataset.path.startsWith(path + '['));
    if (inside) return inside;
    let p = path;
    while (p) {
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) break;
      p = p.slice(0, cut);
      const up = all.find((e) => e.dataset.path === p);
      if (up) return up;
    }
    return null;
  }

  function problemLine(d) {
    const sev = d.severity === 'warning' ? 'warning' : 'error';
    return el('div', { class: 'problem ' + sev },
      el('span', { class: 'sev', text: sev === 'warning' ? 'Lưu ý' : 'Lỗi' }), ' ',
      d.message || '',
      d.hint ? el('span', { class: 'fix', text: ' (' + d.hint + ')' }) : null,
      d.rule ? el('span', { class: 'rule', text: ' [' + d.rule + ']' }) : null);
  }

  function showProblems(list) {
    let errors = 0;
    for (const d of list) {
      if (d.severity !== 'warning') errors++;
      const target = targetOf(d.field);
      if (!target) {
        const line = problemLine(d);
        if (d.field) line.prepend(el('code', { text: d.field + ': ' }));
        $('general-problems').append(line);
        continue;
      }
      let holder = null;
      if (target.classList.contains('problems')) holder = target;
      for (let c = target.closest('.field, .block, .signature, fieldset'); c && !holder; c = c.parentElement && c.parentElement.closest('.field, .block, .signature, fieldset')) {
        holder = c.querySelector(':scope > .problems');
      }
      (holder || $('general-problems')).append(problemLine(d));
      target.classList.add(d.severity === 'warning' ? 'warned' : 'invalid');
      const fold = target.closest('details');
      if (fold) fold.open = true;
    }
    return errors;
  }

  // The diagnostics of an error answer (its own error first when the list is empty).
  function diagnosticsOf(j) {
    if (j.diagnostics && j.diagnostics.length) return j.diagnostics;
    return [Object.assign({ severity: 'error' }, j.error)];
  }

  function setStatus(text, kind) {
    const s = $('status');
    s.textContent = text;
    s.className = kind || '';
  }

  // ---- Preview ---------------------------------------------------------------------

  function changed() {
    save();
    clearTimeout(state.timer);
    state.pending = true;
    state.timer = setTimeout(() => { state.timer = 0; preview(); }, PREVIEW_DELAY);
  }

  // FNV-1a of the pages: lets a test see that the preview changed.
  function digest(pages) {
    let h = 0x811c9dc5;
    for (const s of pages) {
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    }
    return h.toString(16);
  }

  function showPages(pages) {
    for (const u of state.pageUrls) URL.revokeObjectURL(u);
    state.pageUrls = pages.map((svg) => URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })));
    const box = $('pages');
    box.textContent = '';
    state.pageUrls.forEach((u, i) => box.append(el('figure', { class: 'page' },
      el('img', { src: u, alt: `Trang ${i + 1}` }), el('figcaption', { text: `Trang ${i + 1}/${pages.length}` }))));
    box.dataset.digest = digest(pages);
    box.dataset.pages = String(pages.length);
    box.classList.remove('stale');
  }

  async function preview() {
    state.pending = true;
    const id = state.request + 1;
    try {
      await render();
    } finally {
      if (id === state.request && !state.timer) state.pending = false;
    }
  }

  async function render() {
    const d = state.desc;
    if (!d) return;
    if (d.layout === 'certificate') {
      $('pages').textContent = '';
      setStatus('Giấy khen được tạo từ danh sách: bấm "Tải PDF" để tạo các dòng đã nhập, hoặc dùng thẻ "Tạo hàng loạt từ danh sách".');
      return;
    }
    const id = ++state.request;
    setStatus('Đang cập nhật bản xem trước…', 'busy');
    let res;
    try {
      res = await api('POST', 'api/render?' + q({ template: state.name, format: 'svg' }), payload());
    } catch (e) {
      if (id === state.request) setStatus('Không kết nối được máy chủ vanban: ' + e.message, 'error');
      return;
    }
    if (id !== state.request) return;  // a newer change is on its way
    clearProblems();
    if (!res.ok) {
      const j = await errorOf(res);
      if (id !== state.request) return;
      const n = showProblems(diagnosticsOf(j));
      $('pages').classList.add('stale');
      setStatus(`Chưa in được: ${n || 1} lỗi cần sửa (ghi ngay dưới ô liên quan). Bản xem trước là bản cũ.`, 'error');
      document.body.dataset.problems = String(n || 1);
      return;
    }
    const j = await res.json();
    if (id !== state.request) return;
    showPages(j.pages || []);
    const warnings = j.warnings || [];
    showProblems(warnings);
    document.body.dataset.problems = '0';
    setStatus(`${(j.pages || []).length} trang` + (warnings.length ? `, ${warnings.length} lưu ý` : '') + '.', 'ok');
    if (d.layout === 'document') runCheck(id, false);
  }

  // The decree's content rules (api/check): shown as notes beside their inputs.
  async function runCheck(id, announce) {
    let res;
    try {
      res = await api('POST', 'api/check?' + q({ template: state.name }), payload());
    } catch (e) {
      return;
    }
    if (id !== undefined && id !== state.request) return;
    const j = res.ok ? await res.json() : await errorOf(res);
    if (id !== undefined && id !== state.request) return;
    const list = res.ok ? j.diagnostics || [] : diagnosticsOf(j);
    if (announce) clearProblems();
    showProblems(list);
    if (announce) {
      setStatus(list.length ? `Kiểm tra thể thức: ${list.length} điểm cần xem (ghi dưới ô liên quan).`
        : 'Kiểm tra thể thức: không thấy điểm nào trái Nghị định 30.', list.length ? 'warning' : 'ok');
    }
  }

  // ---- Downloads ---------------------------------------------------------------------

  function fileNameOf(res, fallback) {
    const cd = res.headers.get('Content-Disposition') || '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) return decodeURIComponent(star[1]);
    const plainName = /filename="?([^";]+)"?/i.exec(cd);
    return plainName ? plainName[1] : fallback;
  }

  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  async function download(format) {
    if (!state.desc) return;
    if (state.desc.layout === 'certificate') {
      // The people typed on the Soạn tab, made as a batch: its report (failed rows) and the
      // link to the file are on the list tab (a browser refuses a second download that no
      // click asked for).
      showTab('batch');
      await runBatch(payload(), 'application/json', 'danh-sach.json', format);
      return;
    }
    setStatus(`Đang tạo ${format.toUpperCase()}…`, 'busy');
    let res;
    try {
      res = await api('POST', 'api/render?' + q({ template: state.name, format }), payload());
    } catch (e) {
      setStatus('Không kết nối được máy chủ vanban: ' + e.message, 'error');
      return;
    }
    if (!res.ok) {
      clearProblems();
      const n = showProblems(diagnosticsOf(await errorOf(res)));
      setStatus(`Chưa tạo được ${format.toUpperCase()}: ${n || 1} lỗi cần sửa.`, 'error');
      return;
    }
    const name = fileNameOf(res, `${state.name}.${format}`);
    saveBlob(await res.blob(), name);
    setStatus(`Đã tạo ${name}.`, 'ok');
  }

  // ---- Batches -----------------------------------------------------------------------

  function base64Blob(b64, type) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type });
  }

  async function runBatch(body, type, name, format) {
    const out = $('batch-result');
    out.textContent = 'Đang tạo…';
    const params = { template: state.name, format: format || $('batch-format').value, name };
    if (state.desc.layout === 'certificate') {
      if ($('batch-sort').checked) params.sort = 1;
      if ($('batch-group').checked) params.group = 1;
    }
    let res;
    try {
      res = await api('POST', 'api/batch?' + q(params), body, type);
    } catch (e) {
      out.textContent = 'Không kết nối được máy chủ vanban: ' + e.message;
      return;
    }
    out.textContent = '';
    if (!res.ok) {
      const j = await errorOf(res);
      out.append(el('p', { class: 'error', text: 'Không đọc được danh sách:' }),
        diagnosticsOf(j).map((d) => el('p', { class: 'problem error' },
          [d.line ? `dòng ${d.line}` + (d.column ? `, cột ${d.column}` : '') + ': ' : '', d.message || '', d.hint ? ` (${d.hint})` : ''].join(''))));
      setStatus('Không đọc được danh sách.', 'error');
      return;
    }
    const j = await res.json();
    out.append(el('p', { class: 'summary', text: `${j.rows} dòng, đã tạo ${j.produced}` +
      (j.errors && j.errors.length ? `, ${j.errors.length} dòng lỗi (không tạo).` : '.') }));
    if (j.file) {
      const blob = base64Blob(j.file, j.media_type);
      const url = URL.createObjectURL(blob);
      out.append(el('p', {}, el('a', { href: url, download: j.file_name, id: 'batch-download', class: 'button' },
        `Tải ${j.file_name} (${Math.max(1, Math.round(blob.size / 1024))} KB)`)));
      // The pages made, in the browser's own PDF viewer, where the preview goes.
      const pages = $('pages');
      pages.textContent = '';
      if (j.media_type === 'application/pdf') {
        pages.append(el('iframe', { class: 'pdf', src: url, title: j.file_name }));
      }
    }
    if (j.errors && j.errors.length) {
      out.append(el('table', { class: 'grid errors', id: 'batch-errors' },
        el('thead', {}, el('tr', {}, ['Dòng', 'STT', 'Cột', 'Trường', 'Lỗi'].map((h) => el('th', { text: h })))),
        el('tbody', {}, j.errors.map((e) => el('tr', {},
          [e.row, e.stt, e.column, e.field, e.message].map((v) => el('td', { text: v === undefined || v === 0 ? '' : String(v) })))))));
    }
    setStatus(`Đã tạo ${j.produced}/${j.rows}.`, j.errors && j.errors.length ? 'warning' : 'ok');
    return j;
  }

  function batchIntro() {
    const d = state.desc;
    const intro = $('batch-intro');
    const cols = $('batch-columns');
    cols.textContent = '';
    for (const e of document.querySelectorAll('.certificate-only')) e.hidden = d.layout !== 'certificate';
    if (d.layout === 'certificate') {
      intro.textContent = 'Tải lên danh sách (Excel .xlsx, .csv hoặc JSON): mỗi dòng một giấy. Dòng đầu là tên cột; các cột nhận biết:';
      cols.append(el('ul', {}, d.certificate.columns.map((c) => el('li', {}, el('strong', { text: c.header }),
        c.required ? ' (bắt buộc)' : '', c.hint ? ' — ' + c.hint : ''))));
    } else if (d.layout === 'form') {
      intro.textContent = 'Tải lên bảng (Excel .xlsx, .csv hoặc JSON): mỗi dòng một bản ' + d.kind + '. Dòng đầu là tên trường:';
      const names = [];
      const walk = (items) => items.forEach((i) => (i.type === 'row' ? walk(i.fields) : i.path && i.type !== 'table' && names.push(i.path)));
      walk(d.form.items);
      cols.append(el('p', {}, el('code', { text: names.join(', ') })));
    } else {
      intro.textContent = 'Văn bản hành chính được soạn từng văn bản ở thẻ "Soạn".';
    }
    $('batch-run').disabled = d.layout === 'document';
  }

  // ---- Tabs, template choice -----------------------------------------------------------

  function showTab(which) {
    $('editor').hidden = which !== 'edit';
    $('batch').hidden = which !== 'batch';
    $('tab-edit').setAttribute('aria-selected', String(which === 'edit'));
    $('tab-batch').setAttribute('aria-selected', String(which === 'batch'));
  }

  function rebuild() {
    const root = $('editor');
    const scroll = root.parentElement.scrollTop;
    root.textContent = '';
    const d = state.desc;
    if (d.layout === 'form') V.editors.formEditor(root, d, state.data, changed, rebuild);
    else if (d.layout === 'certificate') V.editors.certificateEditor(root, d, state.data, changed, rebuild);
    else V.editors.documentEditor(root, d, state.data, changed, rebuild);
    root.parentElement.scrollTop = scroll;
  }

  async function pick(name) {
    setStatus('Đang mở mẫu…', 'busy');
    const res = await api('GET', 'api/templates/' + encodeURIComponent(name));
    if (!res.ok) {
      const j = await errorOf(res);
      setStatus('Không mở được mẫu ' + name + ': ' + j.error.message, 'error');
      return;
    }
    state.name = name;
    state.desc = await res.json();
    state.data = load(name) || fresh(state.desc);
    $('template').value = name;
    $('download-docx').disabled = false;
    $('check').disabled = state.desc.layout !== 'document';
    $('pages').textContent = '';
    $('pages').dataset.digest = '';
    $('batch-result').textContent = '';
    clearProblems();
    rebuild();
    batchIntro();
    showTab(state.desc.layout === 'certificate' ? 'batch' : 'edit');
    save();
    preview();
  }

  async function init() {
    const res = await api('GET', 'api/templates').catch((e) => null);
    if (!res || !res.ok) {
      setStatus('Không lấy được danh sách mẫu từ máy chủ vanban.', 'error');
      return;
    }
    state.templates = await res.json();
    const groups = [['document', 'Văn bản hành chính'], ['form', 'Biểu mẫu'], ['certificate', 'Giấy khen, giấy công nhận']];
    const select = $('template');
    for (const [layout, title] of groups) {
      const list = state.templates.filter((t) => (t.layout === 'administrative-document' ? 'document' : t.layout) === layout);
      if (list.length) {
        select.append(el('optgroup', { label: title },
          list.map((t) => el('option', { value: t.name, text: `${t.kind || t.name} (${t.name})` }))));
      }
    }
    select.addEventListener('change', () => pick(select.value));
    $('tab-edit').addEventListener('click', () => showTab('edit'));
    $('tab-batch').addEventListener('click', () => showTab('batch'));
    $('download-pdf').addEventListener('click', () => download('pdf'));
    $('download-docx').addEventListener('click', () => download('docx'));
    $('check').addEventListener('click', () => runCheck(undefined, true));
    $('reset').addEventListener('click', () => {
      if (!confirm('Xóa toàn bộ dữ liệu đã nhập cho mẫu này?')) return;
      state.data = fresh(state.desc);
      save();
      rebuild();
      preview();
    });
    $('export-json').addEventListener('click', () => {
      const text = state.desc.layout === 'document' ? JSON.stringify(state.data, null, 2) : payload();
      saveBlob(new Blob([text], { type: 'application/json' }), `${state.name}.json`);
    });
    $('import-json').addEventListener('change', async (ev) => {
      const file = ev.target.files[0];
      ev.target.value = '';
      if (!file) return;
      try {
        const j = JSON.parse(await file.text());
        if (state.desc.layout === 'document') state.data = j;
        else if (state.desc.layout === 'form') state.data = importForm(j);
        else state.data = { rows: Array.isArray(j) ? j : [j] };
      } catch (e) {
        setStatus('Tệp ' + file.name + ' không phải JSON: ' + e.message, 'error');
        return;
      }
      save();
      rebuild();
      preview();
    });
    $('batch-file').addEventListener('change', (ev) => {
      state.batchFile = ev.target.files[0] || null;
      $('batch-file-name').textContent = state.batchFile ? state.batchFile.name : 'Chưa chọn tệp';
    });
    $('batch-run').addEventListener('click', async () => {
      const f = state.batchFile;
      if (!f) {
        $('batch-result').textContent = 'Hãy chọn tệp danh sách trước.';
        return;
      }
      const type = f.name.toLowerCase().endsWith('.xlsx')
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : f.name.toLowerCase().endsWith('.json') ? 'application/json' : 'text/csv';
      runBatch(await f.arrayBuffer(), type, f.name);
    });
    const wanted = new URLSearchParams(location.search).get('template') || localStorage.getItem(STORE + 'template');
    const first = state.templates.find((t) => t.name === wanted) || state.templates.find((t) => t.name === 'ke-hoach') || state.templates[0];
    if (first) await pick(first.name);
  }

  // A form's JSON (one record, as the engine reads it) into the page's state.
  function importForm(record) {
    const data = { values: {}, tables: {} };
    const tables = new Map();
    const walk = (items) => items.forEach((i) => (i.type === 'row' ? walk(i.fields)
      : i.type === 'table' && tables.set(i.name, i.columns.map((c) => c.name))));
    walk(state.desc.form.items);
    for (const [k, v] of Object.entries(Array.isArray(record) ? record[0] || {} : record)) {
      if (tables.has(k) && Array.isArray(v)) {
        // A row is an object keyed by column, or an array of cells in column order.
        const cols = tables.get(k);
        data.tables[k] = v.filter((r) => r && typeof r === 'object').map((r) => (Array.isArray(r)
          ? Object.fromEntries(r.map((cell, c) => [cols[c], cell === null ? '' : String(cell)]).filter(([c, cell]) => c && cell !== ''))
          : r));
      }
      else if (v !== null && v !== undefined) data.values[k] = String(v);
    }
    return data;
  }

  V.getAt = getAt;
  document.addEventListener('DOMContentLoaded', init);
})();
