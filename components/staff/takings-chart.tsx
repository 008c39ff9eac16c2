'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslations } from 'next-intl';
import type { Dashboard } from '@/lib/payments/back-office/dashboard';
import { minorToMajor } from '@/lib/money';
import { money } from './format';

const COLORS = ['#1b4dd8', '#0b7a3e', '#b54708', '#6941c6', '#c11574'];

/** Net takings per day and currency; the table under it carries the same numbers for screen readers. */
export function TakingsChart({ days, currencies }: Pick<Dashboard, 'days' | 'currencies'>) {
  const t = useTranslations('staffDashboard');
  if (currencies.length === 0) return <p className="muted">{t('chartEmpty')}</p>;
  const data = days.map((day) => ({
    day: day.day.slice(5),
    ...Object.fromEntries(currencies.map((c) => [c, minorToMajor(day.totals[c] ?? 0, c)])),
  }));
  return (
    <>
      <div style={{ width: '100%', height: 260 }} aria-hidden="true">
        <ResponsiveContainer>
          <BarChart
            data={data}
            margin={{ top: 8, right: 8, left: 8, bottom: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis />
            <Tooltip />
            <Legend />
            {currencies.map((currency, index) => (
              <Bar key={currency} dataKey={currency} fill={COLORS[index % COLORS.length]} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>{t('chartShowTable')}</summary>
        <table>
          <caption className="muted">{t('chartCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chartDay')}</th>
              {currencies.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row">{day.day}</th>
                {currencies.map((c) => (
                  <td key={c}>{money(day.totals[c] ?? 0, c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
