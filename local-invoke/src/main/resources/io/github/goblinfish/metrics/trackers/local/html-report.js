// Draws ./invoke's HTML report from the JSON in #report-data. Names come from logs, which anyone
// who can call the function can shape: they only ever reach the page as text (textContent, or
// text drawn by the charts), and the tooltips encode them as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('report');
  // The line's resolution: a 0 is drawn there, as a log axis has no 0.
  var FLOOR = 0.001;
  var COLORS = { before: '#8c8c8c', after: '#2f6fb3', only: '#2f6fb3' };
  // The tail's marks: filled, or hollow when the percentile is only the max (too few invocations
  // for it to be anything else). Hollow marks are see-through, so that a p90 and a p99 at the same
  // value both show.
  var TAIL = { p90: { symbol: 'triangle', needs: 10 }, p99: { symbol: 'diamond', needs: 100 } };
  var HOLLOW = { color: 'rgba(255,255,255,0)' };

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  function ms(v) {
    return v === null || v === undefined ? '-' : v.toFixed(3);
  }

  // A percentile that is only the max is starred, as in the text output.
  function tail(v, isMax) {
    return ms(v) + (isMax && v !== null && v !== undefined ? '*' : '');
  }

  function starNote(container, starred, text) {
    if (starred) {
      container.appendChild(el('p', '* the max: ' + text, 'note'));
    }
  }

  function shown(v) {
    return Math.max(v, FLOOR);
  }

  function html(text) {
    return echarts.format.encodeHTML(String(text));
  }

  function tooltip(rows) {
    return {
      trigger: 'item',
      confine: true,
      formatter: function (p) {
        var row = rows[p.data.row];
        var d = p.data.dist;
        if (p.seriesType === 'boxplot') {
          if (!d) {
            return html(row.name) + ' (' + html(p.seriesName) + '): none';
          }
          return html(row.name) + ' (' + html(p.seriesName) + ')<br>n ' + d.n +
              ', p50 ' + ms(d.p50) + ', p90 ' + ms(d.p90) + ', p99 ' + ms(d.p99) +
              ', max ' + ms(d.max) + ' ms';
        }
        if (p.data.tail) {
          // A tail mark's series is its percentile: the side is the mark's own.
          return html(row.name) + ' (' + html(p.data.side) + '): ' + p.seriesName + ' ' +
              ms(p.data.ms) + ' ms' + (p.data.isMax ? ', the max: a ' + p.seriesName + ' needs ' +
              TAIL[p.seriesName].needs + ' invocations to be anything else' : '');
        }
        return html(row.name) + ' (' + html(p.seriesName) + '): ' + ms(p.data.ms) + ' ms';
      }
    };
  }

  // One side's boxes (on the category axis, which sets each side's boxes apart), points and tail
  // marks (on a hidden value axis aligned with it, at an offset for the side; the marks just
  // outside the box, so that neither hides the other); a row without the side gets an empty box,
  // no points and no marks.
  function series(rows, side, name, offset, markOffset) {
    var boxes = [];
    var points = [];
    var tails = { p90: [], p99: [] };
    rows.forEach(function (row, i) {
      var d = side(row);
      if (!d) {
        boxes.push({ value: ['-', '-', '-', '-', '-'], row: i, dist: null });
        return;
      }
      boxes.push({ value: d.box.map(shown), row: i, dist: d });
      d.points.forEach(function (v) {
        points.push({ value: [shown(v), i + offset], row: i, ms: v });
      });
      Object.keys(tails).forEach(function (p) {
        var isMax = d[p + 'IsMax'];
        tails[p].push({
          value: [shown(d[p]), i + markOffset], row: i, ms: d[p], side: name, tail: true,
          isMax: isMax, itemStyle: isMax ? HOLLOW : undefined
        });
      });
    });
    var color = COLORS[name] || COLORS.only;
    return [
      {
        type: 'boxplot', name: name, data: boxes, layout: 'horizontal', yAxisIndex: 0,
        itemStyle: { color: 'rgba(255,255,255,0)', borderColor: color, borderWidth: 1.5 }
      },
      {
        type: 'scatter', name: name, data: points, yAxisIndex: 1, symbolSize: 5,
        itemStyle: { color: color, opacity: 0.45 }
      }
    ].concat(Object.keys(tails).map(function (p) {
      return {
        type: 'scatter', name: p, data: tails[p], yAxisIndex: 1, symbol: TAIL[p].symbol,
        symbolSize: 10, z: 3,
        itemStyle: { color: color, borderColor: color, borderWidth: 1.5 }
      };
    }));
  }

  function chart(container, rows, sides) {
    var div = el('div', null, 'chart');
    div.style.height = (90 + rows.length * (sides.length > 1 ? 64 : 44)) + 'px';
    container.appendChild(div);
    var all = [];
    sides.forEach(function (s) {
      all = all.concat(series(rows, s.pick, s.name, s.offset, s.markOffset));
    });
    // The tail's legend in a neutral colour: its marks take their side's.
    var legend = (sides.length > 1 ? sides.map(function (s) { return s.name; }) : []).concat(
        Object.keys(TAIL).map(function (p) {
          return { name: p, icon: TAIL[p].symbol, itemStyle: { color: '#555', borderColor: '#555' } };
        }));
    var instance = echarts.init(div);
    instance.setOption({
      animation: false,
      grid: { left: 10, right: 40, top: 30, bottom: 30, containLabel: true },
      legend: { data: legend },
      tooltip: tooltip(rows),
      // Along the chart's foot: on a log axis there is no 0 for it to cross at.
      xAxis: { type: 'log', name: 'ms', nameGap: 8, axisLine: { onZero: false } },
      yAxis: [
        // Category labels are drawn on the canvas as text.
        { type: 'category', inverse: true, data: rows.map(function (r) { return r.name; }) },
        { type: 'value', inverse: true, show: false, min: -0.5, max: rows.length - 0.5 }
      ],
      series: all
    });
    return instance;
  }

  function table(container, header, rows) {
    var t = el('table');
    var head = el('tr');
    header.forEach(function (h) { head.appendChild(el('th', h)); });
    t.appendChild(head);
    rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (c, i) { tr.appendChild(el(i === 0 ? 'th' : 'td', c)); });
      t.appendChild(tr);
    });
    container.appendChild(t);
  }

  // The cold start's parts, once the line carries them: one stacked bar.
  function coldStart(container, parts) {
    container.appendChild(el('h3', 'Cold start'));
    var div = el('div', null, 'chart');
    div.style.height = '120px';
    container.appendChild(div);
    echarts.init(div).setOption({
      animation: false,
      grid: { left: 10, right: 30, top: 30, bottom: 30, containLabel: true },
      legend: {},
      tooltip: {
        trigger: 'item',
        formatter: function (p) { return html(p.seriesName) + ': ' + ms(p.value) + ' ms'; }
      },
      xAxis: { type: 'value', name: 'ms' },
      yAxis: { type: 'category', data: [''] },
      series: parts.map(function (part) {
        return { type: 'bar', stack: 'init', name: part.name, data: [part.ms] };
      })
    });
  }

  document.title = data.title;
  root.appendChild(el('h1', data.title));
  root.appendChild(el('p', 'Milliseconds on a log scale (0 is drawn at ' + FLOOR + '). Boxes: min, '
      + 'p25, p50, p75 and max by nearest rank; dots: each invocation (at most 500, evenly spaced '
      + 'by rank); triangles: p90, diamonds: p99, hollow when only the max (a p90 needs 10 '
      + 'invocations, a p99 100, to be anything else).', 'note'));
  data.groups.forEach(function (group) {
    // In the page before its chart is drawn: a chart takes its width from where it is.
    var section = root.appendChild(el('section'));
    section.appendChild(el('h2', group.heading));
    if (data.kind === 'comparison') {
      chart(section, group.rows, [
        { name: 'before', pick: function (r) { return r.before; }, offset: -0.17, markOffset: -0.38 },
        { name: 'after', pick: function (r) { return r.after; }, offset: 0.17, markOffset: 0.38 }
      ]);
      table(section,
          ['step', 'n before', 'after', 'p50 before', 'after', 'p99 before', 'after', 'change'],
          group.rows.map(function (r) {
            var b = r.before || {};
            var a = r.after || {};
            return [r.name, b.n === undefined ? '-' : b.n, a.n === undefined ? '-' : a.n,
              ms(b.p50), ms(a.p50), tail(b.p99, b.p99IsMax), tail(a.p99, a.p99IsMax), r.verdict];
          }));
      starNote(section, group.rows.some(function (r) {
        return (r.before && r.before.p99IsMax) || (r.after && r.after.p99IsMax);
      }), 'a p99 needs 100 invocations to be anything else');
    } else {
      chart(section, group.rows, [
        { name: 'invocations', pick: function (r) { return r.dist; }, offset: 0, markOffset: -0.3 }
      ]);
      table(section, ['step', 'n', 'p50', 'p90', 'p99', 'max'], group.rows.map(function (r) {
        return [r.name, r.dist.n, ms(r.dist.p50), tail(r.dist.p90, r.dist.p90IsMax),
          tail(r.dist.p99, r.dist.p99IsMax), ms(r.dist.max)];
      }));
      starNote(section, group.rows.some(function (r) {
        return r.dist.p90IsMax || r.dist.p99IsMax;
      }), 'a p90 needs 10 invocations, a p99 100, to be anything else');
    }
    if (group.coldStart) {
      coldStart(section, group.coldStart);
    }
  });
  data.notes.forEach(function (note) { root.appendChild(el('p', note, 'note')); });
  root.appendChild(el('p', 'Charts drawn by Apache ECharts ' + data.echarts
      + ' (Apache License 2.0), inlined in this page.', 'note'));
  document.body.setAttribute('data-rendered', 'true');
})();
