// The inputs of the page, built from what a template asks for (GET /api/templates/<name>,
// Engine::describe_template). Every input carries data-path: the field path the engine's
// diagnostics name ("date.day", "body[2].content[0].title", "thong_ke[1].tieu_chi"), so a
// problem the engine reports is shown next to the input it concerns (app.js).
// Plain JavaScript, no library, nothing fetched from elsewhere.
'use strict';
(function () {
  const V = (window.Vanban = window.Vanban || {});

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k === 'value') e.value = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c !== null && c !== undefined && c !== false) e.append(c);
    }
    return e;
  }

  // "body[2].content[0].title" -> ["body", 2, "content", 0, "title"]
  function parsePath(path) {
    const out = [];
    String(path).replace(/([^.[\]]+)|\[(\d+)\]/g, (m, name, index) => {
      out.push(index !== undefined ? Number(index) : name);
      return m;
    });
    return out;
  }

  function getAt(obj, path) {
    let o = obj;
    for (const k of parsePath(path)) {
      if (o === null || o === undefined) return undefined;
      o = o[k];
    }
    return o;
  }

  // Sets (or, value undefined, removes) the value at `path`; objects left empty on the
  // way are removed, so an emptied "number" does not send {"number": {}}.
  function setAt(obj, path, value) {
    const keys = parsePath(path);
    const chain = [obj];
    let o = obj;
    for (let i = 0; i < keys.length - 1; i++) {
      const k = keys[i];
      if (o[k] === null || typeof o[k] !== 'object') {
        if (value === undefined) return;
        o[k] = typeof keys[i + 1] === 'number' ? [] : {};
      }
      o = o[k];
      chain.push(o);
    }
    const last = keys[keys.length - 1];
    if (value !== undefined) o[last] = value;
    else if (Array.isArray(o)) o[last] = '';
    else delete o[last];
    for (let i = chain.length - 1; i > 0; i--) {
      const c = chain[i];
      if (!Array.isArray(c) && Object.keys(c).length === 0) delete chain[i - 1][keys[i - 1]];
      else break;
    }
  }

  // The text of a rich-text value (a string, or spans: "x", {"b": "x"}, {"i": …}).
  function plain(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map(plain).join('');
    if (typeof value === 'object') return plain(value.text ?? value.b ?? value.i ?? value.bi ?? '');
    return '';
  }

  const toLines = (v) => (Array.isArray(v) ? v.map(plain).join('\n') : plain(v));
  const fromLines = (text) => {
    const lines = text.split('\n').map((s) => s.trim()).filter((s) => s !== '');
    return lines.length ? lines : undefined;
  };
  V.util = { el, parsePath, getAt, setAt, plain, toLines, fromLines };

  let ids = 0;
  const nextId = () => 'in-' + ++ids;

  // A labelled input: label (with a red * when required), the input, the hint, and room
  // for the problems app.js puts there.
  // A text area as tall as its text (up to 12 lines), growing as it is typed into.
  function fit(area) {
    const lines = area.value.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 72)), 0);
    area.rows = Math.min(12, Math.max(area.dataset.minRows || 2, lines));
  }

  function box(label, required, hint, input, extraClass, rule) {
    input.id = input.id || nextId();
    if (input.tagName === 'TEXTAREA') {
      input.dataset.minRows = input.rows;
      fit(input);
      input.addEventListener('input', () => fit(input));
    }
    return el('div', { class: 'field' + (extraClass ? ' ' + extraClass : '') },
      el('label', { for: input.id }, label,
        required ? el('abbr', { class: 'req', title: 'bắt buộc', text: ' *' }) : null,
        rule ? el('span', { class: 'rule', title: 'Quy định của Nghị định 30 về mục này', text: ' ' + rule }) : null),
      input,
      hint ? el('div', { class: 'hint', text: hint }) : null,
      el('div', { class: 'problems' }));
  }

  // An input for a model field (describe_template's document.fields[]).
  function modelField(spec, model, changed, prefix) {
    const path = (prefix || '') + spec.path;
    const value = getAt(model, path);
    let input;
    let event = 'input';
    switch (spec.type) {
      case 'multiline':
        input = el('textarea', { rows: 2, value: plain(value) });
        break;
      case 'lines':
      case 'rich-list':
      case 'list':
        input = el('textarea', { rows: Math.max(2, Array.isArray(value) ? value.length : 1), value: toLines(value) });
        break;
      case 'choice':
        input = el('select', {}, el('option', { value: '', text: '(không)' }),
          spec.values.map((v) => el('option', { value: v, text: v })));
        input.value = value ?? '';
        event = 'change';
        break;
      case 'boolean':
        input = el('input', { type: 'checkbox' });
        input.checked = value === true;
        event = 'change';
        break;
      case 'integer':
        input = el('input', { type: 'text', inputmode: 'numeric', class: 'short', value: value ?? '' });
        break;
      default:
        input = el('input', { type: 'text', value: plain(value) });
    }
    input.dataset.path = path;
    const placed = ['text', 'multiline', 'lines', 'rich-list', 'list'].includes(spec.type);
    if (spec.default) input.placeholder = spec.default;
    else if (spec.hint && placed) input.placeholder = spec.hint;
    input.addEventListener(event, () => {
      let v;
      if (spec.type === 'boolean') v = input.checked ? true : undefined;
      else if (spec.type === 'integer') {
        const t = input.value.trim();
        v = t === '' ? undefined : /^\d+$/.test(t) ? Number(t) : t;  // anything else: the engine says why
      } else if (['lines', 'rich-list', 'list'].includes(spec.type)) v = fromLines(input.value);
      else v = input.value === '' ? undefined : input.value;
      setAt(model, path, v);
      changed();
    });
    // The hint is the placeholder of a text input; others (and a text whose placeholder is a
    // default) show it under the input.
    const hint = spec.default || !placed || spec.printed === false ? spec.hint : '';
    return box(spec.label, spec.required, hint, input, 'type-' + spec.type, spec.rule);
  }

  // ---- Documents -------------------------------------------------------------------

  const GROUPS = [
    ['header', 'Cơ quan ban hành, số, ngày tháng', true],
    ['title', 'Trích yếu', true],
    ['kinh-gui', 'Kính gửi', true],
    ['preamble', 'Thẩm quyền và căn cứ ban hành', true],
    ['marks', 'Độ mật, độ khẩn, dự thảo', false],
    ['footer', 'Địa chỉ (chân trang)', false],
    ['appendices', 'Khác', false],
  ];

  function documentEditor(root, desc, model, changed, rebuild) {
    const d = desc.document;
    root.append(el('p', { class: 'intro' }, el('strong', { text: desc.kind }),
      d.type_name ? ` — tên loại "${d.type_name}"` : '', d.abbreviation ? `, ký hiệu ${d.abbreviation}` : '',
      '. Dấu ', el('abbr', { class: 'req', title: 'bắt buộc', text: '*' }), ' là mục bắt buộc.'));
    for (const [group, title, open] of GROUPS) {
      const fields = d.fields.filter((f) => f.group === group && !('default' in f));
      const defaults = group === 'appendices' ? d.fields.filter((f) => 'default' in f) : [];
      if (!fields.length && !defaults.length) continue;
      const set = el('details', { class: 'group', open: open || fields.some((f) => getAt(model, f.path) !== undefined) },
        el('summary', { text: title }));
      for (const f of fields.concat(defaults)) set.append(modelField(f, model, changed));
      root.append(set);
    }
    const body = el('fieldset', { class: 'group body' }, el('legend', { text: 'Nội dung' }));
    if (!Array.isArray(model.body)) model.body = [];
    const bodyProblems = el('div', { class: 'problems' });
    bodyProblems.dataset.path = 'body';
    body.append(bodyProblems, blockList(model.body, 'body', d.body.blocks, changed, rebuild, 0));
    root.append(body);
    root.append(signatureEditor(d, model, changed, rebuild));
    const r = d.recipients;
    root.append(el('fieldset', { class: 'group' }, el('legend', { text: r.label.replace(/:$/, '') }),
      modelField({ path: r.path, label: 'Mỗi nơi nhận một dòng', type: 'list', required: false, hint: r.hint },
        model, changed)));
    if (Array.isArray(model.appendices) && model.appendices.length) {
      root.append(el('p', { class: 'note', text: `Dữ liệu có ${model.appendices.length} phụ lục: được giữ nguyên và in kèm.` }));
    }
  }

  function moveButtons(list, i, changed, rebuild) {
    const move = (to) => () => {
      const [b] = list.splice(i, 1);
      list.splice(to, 0, b);
      changed();
      rebuild();
    };
    return el('span', { class: 'buttons' },
      el('button', { type: 'button', title: 'Lên', 'aria-label': 'Lên', disabled: i === 0, onclick: move(i - 1), text: '↑' }),
      el('button', { type: 'button', title: 'Xuống', 'aria-label': 'Xuống', disabled: i === list.length - 1, onclick: move(i + 1), text: '↓' }),
      el('button', { type: 'button', class: 'remove', title: 'Xóa', 'aria-label': 'Xóa', text: '✕',
        onclick: () => { list.splice(i, 1); changed(); rebuild(); } }));
  }

  function newBlock(type, specs) {
    const spec = specs.find((s) => s.type === type);
    const b = { type };
    for (const need of spec.needs) {
      const part = need.split('|').pop();  // "title|text": a text (a khoản's usual form)
      if (part === 'lines') b.lines = 2;
      else if (part === 'columns') b.columns = [{}, {}];
      else if (part === 'rows') b.rows = [['', '']];
      else b[part] = '';
    }
    return b;
  }

  // What a block usually holds: a new child of a Mục is a khoản, of a khoản a điểm…
  const CHILD = { part: 'chapter', chapter: 'article', section: 'clause', article: 'clause', clause: 'point',
    point: 'dash', dash: 'plus', plus: 'star', star: 'star', contact: 'dash' };

  function blockList(list, path, specs, changed, rebuild, depth, parentType) {
    const wrap = el('div', { class: 'blocks' });
    list.forEach((block, i) => wrap.append(blockCard(list, i, `${path}[${i}]`, specs, changed, rebuild, depth)));
    const pick = el('select', { 'aria-label': 'Loại khối mới' }, specs.map((s) => el('option', { value: s.type, text: s.label })));
    pick.value = depth === 0 ? 'paragraph' : CHILD[parentType] || 'dash';
    wrap.append(el('div', { class: 'add-block' },
      el('button', { type: 'button', text: depth === 0 ? '+ Thêm khối' : '+ Thêm mục con',
        onclick: () => { list.push(newBlock(pick.value, specs)); changed(); rebuild(); } }), pick));
    return wrap;
  }

  function blockCard(list, i, path, specs, changed, rebuild, depth) {
    const block = list[i];
    const spec = specs.find((s) => s.type === block.type) || { parts: ['text'], needs: [], label: block.type };
    const card = el('div', { class: 'block depth-' + Math.min(depth, 4) });
    card.dataset.path = path;
    const type = el('select', { 'aria-label': 'Loại khối' }, specs.map((s) => el('option', { value: s.type, text: s.label })));
    type.value = block.type;
    type.addEventListener('change', () => {
      const next = specs.find((s) => s.type === type.value);
      const fresh = newBlock(type.value, specs);
      for (const part of next.parts) if (part in block && part !== 'type') fresh[part] = block[part];
      list[i] = fresh;
      changed();
      rebuild();
    });
    const head = el('div', { class: 'block-head' }, type);
    if (spec.parts.includes('label')) {
      const label = el('input', { type: 'text', class: 'label-input', placeholder: 'số (tự động)',
        title: 'Số hiệu riêng, nếu khác số tự động (ví dụ "V")', value: block.label ?? '' });
      label.dataset.path = path + '.label';
      label.addEventListener('input', () => { setAt(block, 'label', label.value === '' ? undefined : label.value); changed(); });
      head.append(label);
    }
    head.append(moveButtons(list, i, changed, rebuild));
    card.append(head, el('div', { class: 'problems' }));
    const needs = spec.needs.join(' ');
    if (spec.parts.includes('title')) {
      const t = el('input', { type: 'text', placeholder: 'Tiêu đề', value: plain(block.title) });
      t.dataset.path = path + '.title';
      t.addEventListener('input', () => { setAt(block, 'title', t.value === '' ? undefined : t.value); changed(); });
      card.append(box('Tiêu đề', needs.includes('title') && !needs.includes('|'), '', t, 'inline'));
    }
    if (spec.parts.includes('text')) {
      const t = el('textarea', { rows: 2, placeholder: 'Nội dung', value: plain(block.text) });
      t.dataset.path = path + '.text';
      t.addEventListener('input', () => { setAt(block, 'text', t.value === '' ? undefined : t.value); changed(); });
      card.append(box('Nội dung', needs === 'text', '', t, 'inline'));
    }
    if (spec.parts.includes('lines')) {
      const n = el('input', { type: 'number', min: 1, max: 50, class: 'short', value: block.lines ?? 2 });
      n.dataset.path = path + '.lines';
      n.addEventListener('input', () => { block.lines = /^\d+$/.test(n.value) ? Number(n.value) : n.value; changed(); });
      card.append(box('Số dòng chấm', true, '', n, 'inline'));
    }
    if (block.type === 'table') card.append(bodyTable(block, path, changed, rebuild));
    if (spec.parts.includes('content')) {
      // The children's list, attached to the block while it holds something.
      const children = Array.isArray(block.content) ? block.content : [];
      card.append(blockList(children, path + '.content', specs, () => {
        if (children.length) block.content = children;
        else delete block.content;
        changed();
      }, rebuild, depth + 1, block.type));
    }
    return card;
  }

  // A body table: columns, an optional header row, body rows of text cells.
  function bodyTable(block, path, changed, rebuild) {
    if (!Array.isArray(block.columns)) block.columns = [{}];
    if (!Array.isArray(block.rows)) block.rows = [];
    const n = block.columns.length;
    const cell = (rowsKey, r, c) => {
      const row = block[rowsKey][r];
      const v = row[c];
      if (v !== undefined && typeof v !== 'string') return el('td', { class: 'fixed', text: plain(v) });
      const input = el('input', { type: 'text', value: v ?? '' });
      input.dataset.path = `${path}.${rowsKey}[${r}][${c}]`;
      input.addEventListener('input', () => { row[c] = input.value; changed(); });
      return el('td', {}, input);
    };
    const table = el('table', { class: 'grid' });
    if (Array.isArray(block.header)) {
      block.header.forEach((row, r) => table.append(el('tr', { class: 'header-row' },
        Array.from({ length: n }, (_, c) => cell('header', r, c)), el('td'))));
    }
    block.rows.forEach((row, r) => table.append(el('tr', {},
      Array.from({ length: n }, (_, c) => cell('rows', r, c)),
      el('td', {}, el('button', { type: 'button', class: 'remove', title: 'Xóa dòng', text: '✕',
        onclick: () => { block.rows.splice(r, 1); changed(); rebuild(); } })))));
    const headerBox = el('input', { type: 'checkbox', checked: Array.isArray(block.header) });
    headerBox.addEventListener('change', () => {
      if (headerBox.checked) block.header = [Array(n).fill('')];
      else delete block.header;
      changed();
      rebuild();
    });
    const columns = (delta) => () => {
      if (delta > 0) block.columns.push({});
      else if (block.columns.length > 1) block.columns.pop();
      else return;
      for (const key of ['header', 'rows']) {
        for (const row of block[key] || []) {
          if (delta > 0) row.push('');
          else if (row.length > block.columns.length) row.pop();
        }
      }
      changed();
      rebuild();
    };
    return el('div', { class: 'table-editor' },
      el('div', { class: 'table-tools' },
        el('span', { text: `${n} cột ` }),
        el('button', { type: 'button', text: '+ cột', onclick: columns(1) }),
        el('button', { type: 'button', text: '− cột', onclick: columns(-1) }),
        el('label', {}, headerBox, ' dòng tiêu đề'),
        el('button', { type: 'button', text: '+ dòng',
          onclick: () => { block.rows.push(Array(n).fill('')); changed(); rebuild(); } })),
      table);
  }

  // One signature ("signature") or several ("signatures"): authority lines and the name.
  function signatureEditor(d, model, changed, rebuild) {
    const s = d.signature;
    const set = el('fieldset', { class: 'group' }, el('legend', { text: 'Chữ ký' }));
    const several = Array.isArray(model[s.several_path]);
    const list = several ? model[s.several_path] : [model[s.path] || (model[s.path] = {})];
    const problems = el('div', { class: 'problems' });
    problems.dataset.path = several ? s.several_path : s.path;
    set.append(problems);
    list.forEach((sig, i) => {
      const prefix = several ? `${s.several_path}[${i}].` : `${s.path}.`;
      const card = el('div', { class: 'signature' });
      card.dataset.path = prefix.slice(0, -1);
      for (const f of s.fields) card.append(modelField(f, model, changed, prefix));
      if (several) {
        card.append(el('button', { type: 'button', class: 'remove', text: 'Xóa chữ ký này', onclick: () => {
          list.splice(i, 1);
          if (list.length === 1) { model[s.path] = list[0]; delete model[s.several_path]; }
          changed();
          rebuild();
        } }));
      }
      set.append(card);
    });
    set.append(el('button', { type: 'button', text: '+ Thêm chữ ký', onclick: () => {
      if (!several) { model[s.several_path] = [model[s.path] || {}]; delete model[s.path]; }
      model[s.several_path].push({});
      changed();
      rebuild();
    } }));
    return set;
  }

  // ---- Forms -----------------------------------------------------------------------

  function formEditor(root, desc, data, changed, rebuild) {
    const f = desc.form;
    if (!data.values) data.values = {};
    if (!data.tables) data.tables = {};
    root.append(el('div', { class: 'form-head' },
      f.label ? el('div', { class: 'form-label', text: f.label }) : null,
      el('div', { class: 'form-title', text: f.title }),
      f.reference ? el('div', { class: 'form-reference', text: f.reference }) : null));
    root.append(el('p', { class: 'note', text: 'Ô nào để trống sẽ in dòng chấm để viết tay.' }));
    for (const item of f.items) root.append(formItem(item, data, changed, rebuild));
  }

  function formText(item, data, changed, multiline) {
    const input = multiline
      ? el('textarea', { rows: Math.max(2, item.lines || 2), value: data.values[item.name] ?? '' })
      : el('input', { type: 'text', value: data.values[item.name] ?? '' });
    input.dataset.path = item.path;
    input.addEventListener('input', () => {
      if (input.value === '') delete data.values[item.name];
      else data.values[item.name] = input.value;
      changed();
    });
    return input;
  }

  function formItem(item, data, changed, rebuild) {
    switch (item.type) {
      case 'field': {
        const label = (item.number ? item.number + '. ' : '') + item.label;
        return box(label, item.required, item.hint, formText(item, data, changed, item.lines > 1), 'form-field');
      }
      case 'row':
        return el('div', { class: 'form-row' }, item.fields.map((f) => formItem(f, data, changed, rebuild)));
      case 'place-date': {
        if (!item.path) return el('p', { class: 'form-text', text: item.text });
        const input = formText(item, data, changed, false);
        input.placeholder = item.text;
        return box(item.label, false, 'Để trống: in như mẫu "' + item.text + '"', input);
      }
      case 'signing': {
        if (!item.path) return el('p', { class: 'form-caption', text: item.caption });
        return box(item.label + ' (' + item.caption + ')', false, '', formText(item, data, changed, false));
      }
      case 'table':
        return formTable(item, data, changed, rebuild);
      default:
        return el('p', { class: 'form-text', text: item.text });
    }
  }

  // The rows of a grid whose rows are objects keyed by column (a form's table, a list of
  // people): a text input per cell (path <row path>.<column>), ✕ to remove a row.
  function objectRows(rows, columns, rowPath, changed, rebuild) {
    const body = el('tbody');
    rows.forEach((row, r) => {
      const tr = el('tr');
      tr.dataset.path = rowPath(r);
      for (const c of columns) {
        const input = el('input', { type: 'text', value: row[c.name] ?? '', 'aria-label': c.label,
          class: c.align ? 'align-' + c.align : null });
        input.dataset.path = `${rowPath(r)}.${c.name}`;
        input.addEventListener('input', () => {
          if (input.value === '') delete row[c.name];
          else row[c.name] = input.value;
          changed();
        });
        tr.append(el('td', {}, input));
      }
      tr.append(el('td', {}, el('button', { type: 'button', class: 'remove', title: 'Xóa dòng', text: '✕',
        onclick: () => { rows.splice(r, 1); changed(); rebuild(); } })));
      body.append(tr);
    });
    return body;
  }

  // The columns as wide as the template makes them, roughly: a share column by its weight,
  // a fixed one by its length, a fitted one as a narrow share.
  function columnWidths(cols) {
    const weight = (c) => (c.width.kind === 'share' ? 2 * c.width.weight : c.width.kind === 'fixed' ? c.width.pt / 40 : 1);
    const total = cols.reduce((n, c) => n + weight(c), 0) * 1.05;
    return el('colgroup', {}, cols.map((c) => el('col', { style: `width: ${(100 * weight(c) / total).toFixed(1)}%` })), el('col'));
  }

  // A form's table: a header (groups over their columns), rows added and removed.
  function formTable(item, data, changed, rebuild) {
    const rows = data.tables[item.name] || (data.tables[item.name] = []);
    const cols = item.columns;
    const head = el('thead');
    if (cols.some((c) => c.group)) {
      const tr = el('tr');
      for (let c = 0; c < cols.length;) {
        let span = 1;
        while (cols[c].group && c + span < cols.length && cols[c + span].group === cols[c].group) span++;
        tr.append(el('th', { colspan: span, text: cols[c].group || '' }));
        c += span;
      }
      tr.append(el('th'));
      head.append(tr);
    }
    head.append(el('tr', {}, cols.map((c) => el('th', { text: c.title })), el('th')));
    const body = objectRows(rows, cols.map((c) => ({ name: c.name, label: c.title, align: c.align })),
      (r) => `${item.path}[${r}]`, changed, rebuild);
    const problems = el('div', { class: 'problems' });
    problems.dataset.path = item.path;
    return el('div', { class: 'field form-table' },
      el('div', { class: 'table-label', text: (item.number ? item.number + '. ' : '') + item.label }),
      el('table', { class: 'grid' }, columnWidths(cols), head, body),
      el('button', { type: 'button', text: '+ Thêm dòng', onclick: () => { rows.push({}); changed(); rebuild(); } }),
      rows.length ? null : el('span', { class: 'hint', text: ` Chưa có dòng nào: bản in có ${item.blank_rows} dòng trống.` }),
      problems);
  }

  // The record a form's state sends: its values, and its tables' rows that hold something.
  function formRecord(data) {
    const out = Object.assign({}, data.values);
    for (const [name, rows] of Object.entries(data.tables || {})) {
      const kept = rows.filter((r) => Object.keys(r).length);
      if (kept.length) out[name] = kept;
    }
    return out;
  }

  // ---- Certificates ----------------------------------------------------------------

  function certificateEditor(root, desc, data, changed, rebuild) {
    const c = desc.certificate;
    if (!Array.isArray(data.rows)) data.rows = [];
    root.append(el('p', { class: 'intro' }, el('strong', { text: c.title }), ` — ${c.issuer}. Mỗi dòng một người (một trang). `,
      'Nhập danh sách ở đây, hoặc tải tệp danh sách ở thẻ "Tạo hàng loạt từ danh sách".'));
    const table = el('table', { class: 'grid' }, el('thead', {}, el('tr', {},
      c.columns.map((col) => el('th', { title: col.hint }, col.header,
        col.required ? el('abbr', { class: 'req', title: 'bắt buộc', text: ' *' }) : null)), el('th'))));
    const body = objectRows(data.rows, c.columns.map((col) => ({ name: col.name, label: col.header })),
      (r) => `rows[${r}]`, changed, rebuild);
    table.append(body);
    root.append(el('div', { class: 'wide' }, table),
      el('button', { type: 'button', text: '+ Thêm người', onclick: () => { data.rows.push({}); changed(); rebuild(); } }));
  }

  V.editors = { documentEditor, formEditor, formRecord, certificateEditor };
})();
