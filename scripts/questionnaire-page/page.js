/* The questionnaire: answers -> company.yml, checked as the owner types with the build's own rules.
   Made into build/questionnaire.html by scripts/questionnaire.py, which inlines the data (#q-data), ajv and yaml. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('q-data').textContent);
  var YAML = window.YAML;
  var form = document.getElementById('q-form');
  var lang = 'fr';
  var doc = null;        // the YAML document being edited: the opened file, or the example (comments, key order)
  var original = null;   // the opened file's text
  var snapshot = null;   // the form's data right after opening: unchanged answers save the file as it was
  var touched = new Set();
  var showAll = false;
  var current = {};      // field name -> message, after the last check

  var ajv = new window.ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat('date', { validate: function (s) { return /^\d{4}-\d{2}-\d{2}$/.test(s) && !isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) === s; } });
  var validate = ajv.compile(D.schema);

  // --- words in two languages ------------------------------------------------------------------
  function w(key) { return D.words[key][lang]; }
  function applyLang(root) {
    (root || document).querySelectorAll('[data-en]').forEach(function (el) {
      if (el.dataset.fr === undefined) el.dataset.fr = el.textContent;
      el.textContent = el.dataset[lang];
    });
    (root || document).querySelectorAll('[data-en-title]').forEach(function (el) {
      if (el.dataset.frTitle === undefined) el.dataset.frTitle = el.title;
      el.title = lang === 'fr' ? el.dataset.frTitle : el.dataset.enTitle;
    });
  }
  var switcher = document.getElementById('q-lang');
  switcher.dataset.textFr = switcher.textContent;
  switcher.dataset.labelFr = switcher.getAttribute('aria-label');
  switcher.addEventListener('click', function () {
    lang = lang === 'fr' ? 'en' : 'fr';
    document.documentElement.lang = lang;
    document.title = D.words.title[lang];
    switcher.textContent = lang === 'fr' ? switcher.dataset.textFr : switcher.dataset.textEn;
    switcher.setAttribute('aria-label', lang === 'fr' ? switcher.dataset.labelFr : switcher.dataset.labelEn);
    switcher.lang = lang === 'fr' ? 'en' : 'fr';
    applyLang();
    refresh();
  });

  // --- paths ----------------------------------------------------------------------------------------
  function pattern(name) { return name.replace(/\.\d+(?=\.|$)/g, '.*'); }
  function getPath(data, parts) {
    for (var i = 0; i < parts.length; i++) { if (data == null) return undefined; data = data[parts[i]]; }
    return data;
  }
  function setPath(data, parts, value) {
    for (var i = 0; i < parts.length - 1; i++) {
      var key = parts[i], next = parts[i + 1];
      if (data[key] == null) data[key] = /^\d+$/.test(next) ? [] : {};
      data = data[key];
    }
    data[parts[parts.length - 1]] = value;
  }
  function field(name) { return form.querySelector('[name="' + name + '"]'); }
  function idOf(name) { return 'f-' + name.replace(/[^A-Za-z0-9_-]/g, '-'); }

  // --- lists (values, accounts, versions, trainings) ----------------------------------------------
  function listOf(prefix) { return form.querySelector('.list[data-list="' + prefix + '"]'); }
  function addItem(prefix) {
    var list = listOf(prefix);
    var html = form.querySelector('template[data-template="' + prefix + '"]').innerHTML;
    list.insertAdjacentHTML('beforeend', html.split('__i__').join(String(list.children.length)));
    var item = list.lastElementChild;
    applyLang(item);
    number(prefix);
    return item;
  }
  function number(prefix) {
    var escaped = prefix.replace(/\./g, '\\.');
    var nameRe = new RegExp('^' + escaped + '\\.\\d+\\.');
    var idRe = new RegExp('^' + idOf(prefix) + '-\\d+-');
    Array.prototype.forEach.call(listOf(prefix).children, function (item, n) {
      item.querySelector('.n').textContent = String(n + 1);
      item.querySelectorAll('[name],[id],[for],[aria-describedby]').forEach(function (el) {
        if (el.name) el.name = el.name.replace(nameRe, prefix + '.' + n + '.');
        if (el.id) el.id = el.id.replace(idRe, idOf(prefix) + '-' + n + '-');
        if (el.htmlFor) el.htmlFor = el.htmlFor.replace(idRe, idOf(prefix) + '-' + n + '-');
        var by = el.getAttribute('aria-describedby');
        if (by) el.setAttribute('aria-describedby', by.split(' ').map(function (t) { return t.replace(idRe, idOf(prefix) + '-' + n + '-'); }).join(' '));
      });
    });
  }
  form.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]');
    if (!button) return;
    if (button.dataset.action === 'add') {
      var item = addItem(button.dataset.list);
      var first = item.querySelector('input,select,textarea');
      if (first) first.focus();
    } else if (button.dataset.action === 'remove') {
      var holder = button.closest('.item'), prefix = holder.dataset.item;
      holder.remove();
      number(prefix);
      form.querySelector('button[data-action="add"][data-list="' + prefix + '"]').focus();
    }
    refresh();
  });

  // --- the form as company.yml's data, and back ---------------------------------------------------------
  function kindOf(name) { return (D.kinds[pattern(name)] || {}).kind; }
  function clean(value) { return value.trim() === '' ? (value === '' ? '' : value) : value.trim(); }
  function formToData() {
    var data = {}, seen = new Set();
    form.querySelectorAll('[name]').forEach(function (el) {
      var name = el.name;
      if (seen.has(name)) return;
      seen.add(name);
      if (el.type === 'checkbox') {
        var chosen = Array.prototype.filter.call(form.querySelectorAll('[name="' + name + '"]'), function (b) { return b.checked; }).map(function (b) { return b.value; });
        var before = snapshot ? getPath(snapshot, name.split('.')) : null;
        if (Array.isArray(before)) {  // the order the file had
          var at = function (v) { var i = before.indexOf(v); return i < 0 ? 1e6 : i; };
          chosen.sort(function (a, b) { return at(a) - at(b); });
        }
        if (chosen.length) setPath(data, name.split('.'), chosen);
        return;
      }
      var text = /\.(fr|en)$/.exec(name);
      if (text && kindOf(name.slice(0, -3)) === 'text') {
        var base = name.slice(0, -3);
        if (seen.has(base)) return;
        seen.add(base);
        var fr = clean(field(base + '.fr').value), en = clean(field(base + '.en').value);
        var before = snapshot ? getPath(snapshot, base.split('.')) : undefined;
        var value;
        if (fr && en && (fr !== en || (before && typeof before === 'object'))) value = { fr: fr, en: en };
        else value = fr || en;
        if (value) setPath(data, base.split('.'), value);
        return;
      }
      var raw = clean(el.value);
      if (raw === '') return;
      var kind = kindOf(name), value2 = raw;
      if (name === 'languages') value2 = raw.split(',');
      else if (name === 'overrides') {
        try { value2 = YAML.parse(raw); } catch (e) { value2 = raw; }
        if (value2 == null) return;
      } else if (kind === 'boolean') value2 = raw === 'true';
      else if (kind === 'integer' && /^-?\d+$/.test(raw)) value2 = Number(raw);
      setPath(data, name.split('.'), value2);
    });
    return data;
  }

  function resetForm() {
    form.reset();
    form.querySelectorAll('.list').forEach(function (list) { list.innerHTML = ''; });
  }
  function dataToForm(data) {
    resetForm();
    Object.keys(D.lists).forEach(function (prefix) {
      var items = getPath(data, prefix.split('.'));
      var count = Array.isArray(items) ? items.length : 0;
      for (var i = 0; i < count; i++) addItem(prefix);
    });
    (function walk(value, name) {
      var kind = kindOf(name);
      if (kind === 'text') {
        if (value && typeof value === 'object') {
          if (field(name + '.fr')) field(name + '.fr').value = value.fr == null ? '' : String(value.fr);
          if (field(name + '.en')) field(name + '.en').value = value.en == null ? '' : String(value.en);
        } else if (field(name + '.fr')) field(name + '.fr').value = String(value);
        return;
      }
      if (name === 'languages') { if (field(name)) field(name).value = Array.isArray(value) ? value.join(',') : String(value); return; }
      if (kind === 'choices') {
        form.querySelectorAll('[name="' + name + '"]').forEach(function (b) { b.checked = Array.isArray(value) && value.indexOf(b.value) >= 0; });
        return;
      }
      if (name === 'overrides') { if (value && Object.keys(value).length) field(name).value = YAML.stringify(value); return; }
      if (value && typeof value === 'object') {
        Object.keys(value).forEach(function (key) { walk(value[key], name ? name + '.' + key : key); });
        return;
      }
      var el = field(name);
      if (el) el.value = value == null ? '' : String(value);
    })(data, '');
  }

  // --- checks: the JSON Schema (ajv), then the rules across keys of macros/company/schema.py -------------------------
  function say(fr, en) { return lang === 'fr' ? fr : en; }
  function schemaMessage(e, name) {
    var p = e.params || {};
    switch (e.keyword) {
      case 'required': return say('Cette réponse est obligatoire.', 'This answer is required.');
      case 'type': return p.type === 'integer' ? say('Écrivez un nombre entier.', 'Write a whole number.') : say("Cette réponse n'a pas la bonne forme.", 'This answer does not have the right shape.');
      case 'enum': case 'const': return say('Choisissez une réponse de la liste.', 'Choose an answer from the list.');
      case 'format': return p.format === 'email' ? say("Ce n'est pas une adresse courriel (nom@domaine.ca).", 'This is not an e-mail address (name@domain.com).') : say('Écrivez une date AAAA-MM-JJ.', 'Write a date as YYYY-MM-DD.');
      case 'pattern':
        if (name === 'company.brand_color') return say('Écrivez la couleur comme #1F5F8B (# et six chiffres ou lettres de A à F).', 'Write the colour like #1F5F8B (# and six digits or letters A to F).');
        if (name === 'company.region') return say('Écrivez deux lettres majuscules : QC, ON, NY…', 'Write two capital letters: QC, ON, NY…');
        return say("Cette réponse n'a pas la forme attendue.", 'This answer does not have the expected shape.');
      case 'minimum': return say('Écrivez au moins ' + p.limit + '.', 'Write at least ' + p.limit + '.');
      case 'maximum': return say('Écrivez au plus ' + p.limit + '.', 'Write at most ' + p.limit + '.');
      case 'minItems': return say('Donnez-en au moins ' + p.limit + '.', 'Give at least ' + p.limit + '.');
      case 'minLength': return say('Cette réponse est vide.', 'This answer is empty.');
      case 'additionalProperties': return say('Le fichier a une clé que le site ne connaît pas : ', 'The file has a key the site does not know: ') + p.additionalProperty;
      default: return e.message;
    }
  }
  function fieldFor(parts) {
    for (var n = parts.length; n > 0; n--) {
      var name = parts.slice(0, n).join('.');
      if (field(name)) return name;
      if (field(name + '.fr')) return name + '.fr';
      var inside = form.querySelector('[name^="' + name + '."]');
      if (inside && n === parts.length) return inside.name;
    }
    return null;
  }
  function leaves(value, name, out) {
    if (Array.isArray(value)) value.forEach(function (v, i) { leaves(v, name + '.' + i, out); });
    else if (value && typeof value === 'object') Object.keys(value).forEach(function (k) { leaves(value[k], name ? name + '.' + k : k, out); });
    else out.push([name, value]);
    return out;
  }
  function textField(name) { return field(name) ? name : name + '.fr'; }
  function urlProblem(v) {
    if (!/^https?:\/\//.test(v) || /[\s\\]/.test(v) || /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(v)) return true;
    try { var u = new URL(v); return !u.hostname || !!u.username || !!u.password; } catch (e) { return true; }
  }
  var PHONE = /^\+?[0-9 ().\-]{7,}(\s*,?\s*(ext\.?|poste|x)\s*[0-9]{1,6})?$/i;
  function each(list, fn) { return Array.isArray(list) ? list.map(fn) : []; }
  function roles(d) { return Object.keys((d.contacts && typeof d.contacts === 'object') ? d.contacts : {}); }
  function jurisdiction(d) { return d.jurisdiction || 'qc'; }
  function languages(d) { return Array.isArray(d.languages) ? d.languages : ['fr', 'en']; }
  function year(s) { return typeof s === 'string' && /^\d{4}-/.test(s) ? Number(s.slice(0, 4)) : null; }

  // One function per rule of scripts/questionnaire.py RULES (same ids): each returns the fields it finds wrong.
  var RULES = {
    blank_text: function (d) { return leaves(d, '', []).filter(function (l) { return typeof l[1] === 'string' && l[1] !== '' && l[1].trim() === ''; }).map(function (l) { return textField(l[0]); }); },
    web_address: function (d) {
      var found = [['company.website', d.company && d.company.website], ['acknowledgement.form_url', d.acknowledgement && d.acknowledgement.form_url]];
      each(d.official_accounts, function (a, i) { found.push(['official_accounts.' + i + '.url', a && a.url]); });
      each(d.training, function (t, i) { found.push(['training.' + i + '.url', t && t.url]); });
      return found.filter(function (f) { return typeof f[1] === 'string' && f[1] !== '' && urlProblem(f[1]); }).map(function (f) { return f[0]; });
    },
    phone: function (d) {
      return roles(d).filter(function (r) { var p = d.contacts[r] && d.contacts[r].phone; return typeof p === 'string' && p.trim() !== '' && (!PHONE.test(p.trim()) || (p.match(/\d/g) || []).length < 7); }).map(function (r) { return 'contacts.' + r + '.phone'; });
    },
    version: function (d) {
      var found = [];
      var bad = function (v) { return typeof v === 'string' && !/^[0-9]+(\.[0-9]+){0,2}$/.test(v); };
      if (d.policy && bad(d.policy.version)) found.push('policy.version');
      each(d.policy && d.policy.history, function (h, i) { if (h && bad(h.version)) found.push('policy.history.' + i + '.version'); });
      return found;
    },
    contact_reachable: function (d) { return roles(d).filter(function (r) { var c = d.contacts[r]; return c && typeof c === 'object' && !c.email && !c.phone; }).map(function (r) { return 'contacts.' + r + '.email'; }); },
    other_needs_name: function (d) { return each(d.official_accounts, function (a, i) { return a && a.platform === 'other' && !a.name ? 'official_accounts.' + i + '.name' : null; }).filter(Boolean); },
    name_only_for_other: function (d) { return each(d.official_accounts, function (a, i) { return a && a.platform && a.platform !== 'other' && a.name ? 'official_accounts.' + i + '.name' : null; }).filter(Boolean); },
    date_years: function (d) {
      var p = d.policy || {}, found = [['policy.effective_date', p.effective_date], ['policy.next_review', p.next_review]];
      each(p.history, function (h, i) { found.push(['policy.history.' + i + '.date', h && h.date]); });
      return found.filter(function (f) { var y = year(f[1]); return y !== null && (y < D.years[0] || y > D.years[1]); }).map(function (f) { return f[0]; });
    },
    review_given: function (d) { return d.policy && d.policy.next_review == null && d.policy.review_every_months == null ? ['policy.review_every_months'] : []; },
    review_after_effective: function (d) { var p = d.policy || {}; return p.next_review && p.effective_date && p.next_review <= p.effective_date ? ['policy.next_review'] : []; },
    history_top_is_version: function (d) { var p = d.policy || {}; return Array.isArray(p.history) && p.history[0] && p.history[0].version && p.version && p.history[0].version !== p.version ? ['policy.history.0.version'] : []; },
    form_when_online: function (d) { var a = d.acknowledgement || {}; return (a.method || 'paper') !== 'paper' && !a.form_url ? ['acknowledgement.form_url'] : []; },
    qc_needs_fr: function (d) { return jurisdiction(d) === 'qc' && languages(d).indexOf('fr') < 0 ? ['languages'] : []; },
    qc_fr_first: function (d) { var l = languages(d); return jurisdiction(d) === 'qc' && l.indexOf('fr') > 0 ? ['languages'] : []; },
    fr_needs_fr: function (d) { return jurisdiction(d) === 'fr' && languages(d).indexOf('fr') < 0 ? ['languages'] : []; },
    managed_by_exists: function (d) { var c = d.contacts || {}; return each(d.official_accounts, function (a, i) { return a && a.managed_by && !c[a.managed_by] ? 'official_accounts.' + i + '.managed_by' : null; }).filter(Boolean); },
    region_known: function (d) { var r = d.company && d.company.region; return typeof r === 'string' && /^[A-Z]{2}$/.test(r) && D.regions.us.indexOf(r) < 0 && D.regions.ca.indexOf(r) < 0 ? ['company.region'] : []; },
    region_matches: function (d) {
      var r = d.company && d.company.region, j = jurisdiction(d);
      if (typeof r !== 'string') return [];
      var country = D.regions.us.indexOf(r) >= 0 ? 'us' : D.regions.ca.indexOf(r) >= 0 ? 'ca' : null;
      if (country === null) return [];
      if (j === 'fr' || (j === 'us' && country !== 'us') || (j === 'qc' && r !== 'QC')) return ['company.region'];
      return [];
    },
    override_slot: function (d) { var o = d.overrides; return o && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).some(function (k) { return D.slots.indexOf(k) < 0; }) ? ['overrides'] : []; }
  };

  function capital(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
  function check(data) {
    var found = {};
    if (!validate(data)) {
      validate.errors.forEach(function (e) {
        if (e.keyword === 'anyOf' || e.keyword === 'if') return;
        var parts = e.instancePath.split('/').slice(1).map(function (p) { return p.replace(/~1/g, '/').replace(/~0/g, '~'); });
        if (e.keyword === 'required') parts.push(e.params.missingProperty);
        var name = fieldFor(parts) || '';
        if (found[name] === undefined) found[name] = schemaMessage(e, pattern(name));
      });
    }
    D.rules.forEach(function (rule) {
      RULES[rule.id](data).forEach(function (name) { if (found[name] === undefined) found[name] = capital(rule[lang]); });
    });
    return found;
  }

  // --- preview: sentences of the future site ---------------------------------------------------------
  var ELIDING = { de: "d'", que: "qu'" };
  var CONTRACT = { 'de le': 'du', 'à le': 'au', 'de les': 'des', 'à les': 'aux' };
  function frenchPrep(text, prep) {  // macros/grammar.py parse_french + french
    var m = /^(l['’])(?=\S)/i.exec(text), article = null, written = null, name = text;
    if (m) { article = "l'"; written = m[1].replace('’', "'"); name = text.slice(m[0].length); }
    else if ((m = /^(le|la|les)\s+(?=\S)/i.exec(text))) { article = m[1].toLowerCase(); written = m[1]; name = text.slice(m[0].length); }
    var vowel = /^[aeiouyàâäéèêëîïôöùûüœæh]/i.test(name);
    if ((article === 'le' || article === 'la') && vowel) { article = "l'"; written = /^[A-Z]/.test(written) ? "L'" : "l'"; }
    if ((article === 'le' || article === 'les') && CONTRACT[prep + ' ' + article]) return CONTRACT[prep + ' ' + article] + ' ' + name;
    var core = article === null ? name : article === "l'" ? written + name : written + ' ' + name;
    if (article === null && vowel && ELIDING[prep]) return ELIDING[prep] + core;
    return prep + ' ' + core;
  }
  function englishPrep(text, choice, prep) {
    return prep + ' ' + (/^the\s+\S/i.test(text) || choice === 'none' ? text : 'the ' + text);
  }
  function inLang(value) { return value && typeof value === 'object' ? value[lang] || value.fr || value.en : value; }
  function preview(data) {
    var words = D.preview[lang];
    var paper = inLang(data.front_page_test && data.front_page_test.newspaper) || '…';
    var choice = data.front_page_test && data.front_page_test.english_article;
    document.getElementById('p-front').textContent = words.front
      .replace("{{ newspaper | prep('de') }}", frenchPrep(paper, 'de'))
      .replace("{{ newspaper | prep('of') }}", englishPrep(paper, choice, 'of'));
    var sector = D.sectors[data.sector || 'generic'] || D.sectors.generic;
    document.getElementById('p-approach').textContent = words.approach[data.approach || 'balanced'].split('{{ sector.people.many }}').join(sector.people[lang]);
    var person = (data.contacts && data.contacts.social_media) || {};
    var card = document.getElementById('p-contact');
    card.innerHTML = '';
    var line = function (cls, text) { if (!text) return; var p = document.createElement('p'); p.className = cls; p.textContent = text; card.appendChild(p); };
    line('role', D.options['official_accounts.*.managed_by'].social_media[lang]);
    line('name', inLang(person.name) || '…');
    line('title', inLang(person.title));
    if (person.email) line('means', w('email') + ' ' + person.email);
    if (person.phone) {
      var m = /^(.*?)(?:\s*,?\s*(?:ext\.?|poste|x)\s*([0-9]+))?$/i.exec(String(person.phone));
      line('means', w('phone') + ' ' + (m && m[2] ? m[1] + ', ' + (lang === 'fr' ? 'poste' : 'ext.') + ' ' + m[2] : person.phone));
    }
  }

  function showDefaults(data) {
    var sector = D.sectors[data.sector || 'generic'] || D.sectors.generic;
    form.querySelectorAll('option[data-default^="practices."]').forEach(function (option) {
      var key = option.dataset.default.split('.').pop(), value = sector.practices[key];
      option.textContent = option.dataset[lang] + ' (' + w(value ? 'word_yes' : 'word_no') + ')';
    });
    form.querySelectorAll('span[data-default="practices.workplaces"]').forEach(function (span) {
      var names = (sector.practices.workplaces || []).map(function (p) { return D.options['practices.workplaces'][p][lang]; });
      span.textContent = say('Selon le secteur, si vous ne cochez rien : ', 'As the sector, if you tick nothing: ') + names.join(', ') + '.';
    });
  }

  function refresh() {
    var data = formToData();
    current = check(data);
    var anyTouched = touched.size > 0 || showAll;
    form.querySelectorAll('[name]').forEach(function (el) {
      var message = current[el.name];
      var shown = message !== undefined && (showAll || touched.has(el.name) || (anyTouched && isRule(el.name, message)));
      var box = document.getElementById(idOf(el.name) + '-err');
      if (shown) { el.setAttribute('aria-invalid', 'true'); if (box) box.textContent = message; }
      else { el.removeAttribute('aria-invalid'); if (box && (el.type !== 'checkbox' || el === field(el.name))) box.textContent = ''; }
    });
    var count = Object.keys(current).length;
    var status = document.getElementById('q-status');
    status.textContent = count ? count + ' ' + w('errors_some') + (current[''] ? ' ' + current[''] : '') : w('errors_none');
    showDefaults(data);
    preview(data);
    return data;
  }
  function isRule(name, message) { return D.rules.some(function (r) { return capital(r[lang]) === message; }); }

  form.addEventListener('input', function (event) { if (event.target.name) { touched.add(event.target.name); refresh(); } });
  form.addEventListener('change', function (event) { if (event.target.name) { touched.add(event.target.name); refresh(); } });

  // --- opening and saving company.yml ---------------------------------------------------------------------
  var KEEP = { 'policy.effective_date': 1, 'policy.next_review': 1, 'policy.history.*.date': 1 };
  var YAML11 = /^(y|yes|n|no|true|false|on|off|null|~|=|<<)$/i;
  function needsQuotes(value, path) {
    if (KEEP[path]) return false;
    return YAML11.test(value) || /^[-+]?[0-9][0-9_,]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?$/.test(value) || /^[-+]?\.[0-9]/.test(value)
      || /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(value) || /^\d{4}-\d\d?-\d\d?/.test(value) || /^0[xob]/i.test(value);
  }
  function makeNode(d, value, path) {
    if (Array.isArray(value)) {
      var seq = new YAML.YAMLSeq(d.schema);
      value.forEach(function (v) { seq.items.push(makeNode(d, v, path + '.*')); });
      seq.flow = value.every(function (v) { return v === null || typeof v !== 'object'; });
      return seq;
    }
    if (value && typeof value === 'object') {
      var map = new YAML.YAMLMap(d.schema), order = D.order[path] || [];
      var keys = Object.keys(value).sort(function (a, b) { return rank(order, a) - rank(order, b); });
      keys.forEach(function (k) { map.items.push(new YAML.Pair(new YAML.Scalar(k), makeNode(d, value[k], path ? path + '.' + k : k))); });
      var pair = keys.length === 2 && value.fr !== undefined && value.en !== undefined;
      map.flow = pair && (String(value.fr) + String(value.en)).length < 90 && !/[,:{}\[\]#]/.test(String(value.fr) + String(value.en));
      return map;
    }
    var scalar = new YAML.Scalar(value);
    if (typeof value === 'string' && needsQuotes(value, path)) scalar.type = 'QUOTE_DOUBLE';
    return scalar;
  }
  function rank(order, key) { var i = order.indexOf(key); return i < 0 ? 1e6 : i; }
  function keyOf(pair) { return YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key); }
  function sync(d, node, value, path) {
    if (value && typeof value === 'object' && !Array.isArray(value) && YAML.isMap(node)) {
      var order = D.order[path] || [];
      node.items.slice().forEach(function (pair) {
        var k = keyOf(pair);
        if (!(k in value) && (order.indexOf(k) >= 0 || /^(fr|en)$/.test(k))) node.items.splice(node.items.indexOf(pair), 1);
      });
      Object.keys(value).forEach(function (k) {
        var child = path ? path + '.' + k : k;
        var pair = node.items.find(function (p) { return keyOf(p) === k; });
        if (pair) { pair.value = sync(d, pair.value, value[k], child); return; }
        var fresh = new YAML.Pair(new YAML.Scalar(k), makeNode(d, value[k], child));
        var at = node.items.findIndex(function (p) { return rank(order, keyOf(p)) > rank(order, k); });
        if (at < 0) node.items.push(fresh); else node.items.splice(at, 0, fresh);
      });
      return node;
    }
    if (Array.isArray(value) && YAML.isSeq(node)) {
      node.items.splice(value.length);
      value.forEach(function (v, i) {
        if (i < node.items.length) node.items[i] = sync(d, node.items[i], v, path + '.*');
        else node.items.push(makeNode(d, v, path + '.*'));
      });
      return node;
    }
    if (YAML.isScalar(node) && (value === null || typeof value !== 'object') && node.value === value) return node;
    var made = makeNode(d, value, path.replace(/\.\d+(?=\.|$)/g, '.*'));
    if (node && node.comment) made.comment = node.comment;
    if (node && node.commentBefore) made.commentBefore = node.commentBefore;
    return made;
  }
  function same(a, b) { return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b)); }
  function sorted(v) {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') { var o = {}; Object.keys(v).sort().forEach(function (k) { o[k] = sorted(v[k]); }); return o; }
    return v;
  }
  function companyText() {
    var data = formToData();
    if (original !== null && snapshot && same(data, snapshot)) return original;
    var target = (doc || YAML.parseDocument(D.example)).clone();
    if (!YAML.isMap(target.contents)) target.contents = new YAML.YAMLMap(target.schema);
    sync(target, target.contents, data, '');
    return target.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
  document.querySelector('[data-action="download"]').addEventListener('click', function () {
    showAll = true;
    refresh();
    var text = companyText();
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/yaml;charset=utf-8' }));
    link.download = 'company.yml';
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    if (Object.keys(current).length) {
      document.getElementById('q-status').textContent += ' ' + w('saved_anyway');
      var wrong = form.querySelector('[aria-invalid="true"]');
      if (wrong) wrong.focus();  // the first answer to fix
    }
  });
  function open(text, fileName) {
    var status = document.getElementById('q-open-status');
    var opened = YAML.parseDocument(text);
    if (opened.errors.length) {
      var e = opened.errors[0], where = e.linePos ? ' (' + say('ligne ', 'line ') + e.linePos[0].line + ')' : '';
      status.textContent = w('not_yaml') + ' ' + fileName + where + ': ' + e.message.split('\n')[0];
      return;
    }
    doc = opened;
    original = text;
    snapshot = null;
    var data = opened.toJS() || {};
    snapshot = data;  // pairs kept as pairs while the form is read back
    dataToForm(data);
    snapshot = formToData();
    showAll = true;
    status.textContent = w('opened') + ' ' + fileName;
    refresh();
  }
  document.getElementById('q-open').addEventListener('change', function (event) {
    var file = event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { open(String(reader.result), file.name); };
    reader.readAsText(file, 'utf-8');
  });

  // --- start: empty answers, the lists' first items, and a handle for tests and assistive tools ----------------
  Object.keys(D.lists).forEach(function (prefix) { for (var i = 0; i < D.lists[prefix]; i++) addItem(prefix); });
  applyLang();
  refresh();
  window.questionnaire = { check: check, rules: Object.keys(RULES), formToData: formToData, companyText: companyText, open: open };
})();
