// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { regionStats } from '../../testing/screen-fixtures'
import AmbassadorCoverage from './ambassador-coverage.vue'

const figures = (wrapper: ReturnType<typeof mount>, id: string) => {
  const row = wrapper.get(`[data-testid="${id}"]`)
  return { covered: row.get('[data-testid="covered"]').text(), total: row.get('[data-testid="total"]').text(), lacking: row.find('[data-testid="lacking"]').exists() ? row.get('[data-testid="lacking"]').text() : null, text: row.text() }
}

describe('the ambassador coverage panel', () => {
  it('shows key enterprises and key projects covered at every level against all, and how many lack one', () => {
    const wrapper = mount(AmbassadorCoverage, { props: { serviceStats: regionStats('990100').serviceStats } })
    const enterprises = figures(wrapper, 'coverage-enterprises')
    expect(enterprises).toMatchObject({ covered: '9', total: '12', lacking: '3' })
    expect(enterprises.text).toContain('75%')
    // the gap carries a sign, not only a colour
    expect(enterprises.text).toContain('⚠')
    const projects = figures(wrapper, 'coverage-projects')
    expect(projects).toMatchObject({ covered: '6', total: '6', lacking: null })
    expect(projects.text).toContain('✔ 全覆盖')
  })

  it('says so while the enterprise-service subgraph is down', () => {
    const wrapper = mount(AmbassadorCoverage, { props: { serviceStats: null } })
    expect(wrapper.text()).toContain('企业服务数据暂不可用')
    expect(wrapper.find('[data-testid="coverage-enterprises"]').exists()).toBe(false)
  })

  it('has no percentage where there is nothing to cover', () => {
    const stats = { ...regionStats('990100').serviceStats!, keyProjects: 0, coveredKeyProjects: 0 }
    const wrapper = mount(AmbassadorCoverage, { props: { serviceStats: stats } })
    expect(figures(wrapper, 'coverage-projects').text).toContain('0/0个 —')
  })
})
